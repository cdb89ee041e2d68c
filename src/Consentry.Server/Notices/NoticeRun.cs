namespace Consentry.Server.Notices;

/// <summary>One run of notices: a site's material revision told to its account holders, and how it went.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="SiteId">The site.</param>
/// <param name="Revision">The site's (server) revision number the notice is about.</param>
/// <param name="Status"><see cref="NoticeStatus"/>.</param>
/// <param name="Created">When its first recipients arrived.</param>
/// <param name="Started">When sending was started (the creation time until then).</param>
/// <param name="Finished">When it finished (the creation time until then).</param>
/// <param name="Recipients">Recipients handed over (without duplicates).</param>
/// <param name="Sent">Accepted by the SMTP server.</param>
/// <param name="Failed">Not sent after the last attempt (temporary refusals, unsendable).</param>
/// <param name="Bounced">Refused for good by the SMTP server.</param>
/// <param name="Codes">Refusals by SMTP reply code.</param>
internal sealed record NoticeRun(string Id, string SiteId, int Revision, string Status, DateTimeOffset Created, DateTimeOffset Started, DateTimeOffset Finished,
    long Recipients, long Sent, long Failed, long Bounced, IReadOnlyDictionary<string, long> Codes)
{
    /// <summary>Recipients not sent to yet.</summary>
    public long Pending => Recipients - Sent - Failed - Bounced;
}
