namespace Consentry.Server.Notifications;

/// <summary>Where alerts go: a webhook endpoint or e-mail addresses, for some sites and event types.</summary>
/// <param name="Id">The channel's id (<c>ch_…</c>).</param>
/// <param name="Kind"><see cref="ChannelKinds.Webhook"/> or <see cref="ChannelKinds.Email"/>.</param>
/// <param name="Name">A name people recognise.</param>
/// <param name="Target">The webhook's URL, or the e-mail addresses separated by commas.</param>
/// <param name="Secret">The webhook's signing secret (<c>whsec_…</c>); empty for e-mail.</param>
/// <param name="Sites">The site ids it is for; empty for every site.</param>
/// <param name="Events">The event types it is for; empty for every type.</param>
/// <param name="Enabled">Whether deliveries are attempted.</param>
/// <param name="Failures">Failed attempts in a row.</param>
/// <param name="DisabledReason">Why it was disabled automatically, when it was.</param>
internal sealed record Channel(string Id, string Kind, string Name, string Target, string Secret, IReadOnlyList<string> Sites, IReadOnlyList<string> Events, bool Enabled, int Failures, string DisabledReason)
{
    /// <summary>Whether an event of <paramref name="type"/> for <paramref name="siteId"/> goes to this channel.</summary>
    public bool Wants(string type, string siteId) =>
        (Sites.Count == 0 || Sites.Contains(siteId, StringComparer.Ordinal)) && (Events.Count == 0 || Events.Contains(type, StringComparer.Ordinal));
}
