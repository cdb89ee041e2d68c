using Consentry.Server.Audit;
using Consentry.Server.Sites;
using Microsoft.Extensions.Options;

namespace Consentry.Server.Notices;

/// <summary>What the API and the admin page share about notice runs: which revisions may have one, recipients in, sending started, previews; audited.</summary>
internal sealed class NoticeService(NoticeRepository runs, SiteRepository sites, AuditTrail audit, IOptions<ServerOptions> options)
{
    /// <summary>The revision a notice may be about (a material change, not the site's first revision); else the problem and whether it is missing (404) or unfit (409).</summary>
    public async Task<(SiteRevision? Revision, string? Problem, bool Missing)> RevisionAsync(string siteId, int number, CancellationToken cancellationToken)
    {
        if (await sites.RevisionAsync(siteId, number, cancellationToken) is not { } revision)
        {
            return (null, $"Revision {number} of site '{siteId}'", true);
        }

        return revision.Material && revision.Number > 1
            ? (revision, null, false)
            : (null, $"Revision {number} of '{siteId}' is {(revision.Number == 1 ? "the site's first" : "an editorial change")}: account holders are told about material changes only.", false);
    }

    /// <summary>Adds recipients (all or none: the caller refuses a batch with problems); returns the run and how many were new.</summary>
    public async Task<(NoticeRun Run, int Added, string? Problem)> AddAsync(SiteRevision revision, IReadOnlyCollection<NoticeRecipient> recipients, string actor, CancellationToken cancellationToken)
    {
        var run = await runs.RunForAsync(revision.SiteId, revision.Number, cancellationToken);
        if (run.Status == NoticeStatus.Done)
        {
            return (run, 0, $"The notice run for revision {revision.Number} finished on {run.Finished:yyyy-MM-dd HH:mm} UTC and its addresses were deleted; it takes no more recipients.");
        }

        var added = 0;
        foreach (var chunk in recipients.Chunk(1000))
        {
            added += await runs.AddAsync(run, chunk, cancellationToken);
        }

        await audit.RecordAsync(actor, "notices.recipients", revision.SiteId, $"revision {revision.Number}: {added} added, {recipients.Count - added} already in the run", cancellationToken);
        return (run, added, null);
    }

    /// <summary>Starts sending; the problem in words when it cannot start.</summary>
    public async Task<(NoticeRun? Run, string? Problem)> StartAsync(SiteRevision revision, string actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Smtp.Host))
        {
            return (null, "No SMTP server is configured: set Smtp:Host (CONSENTRY_SMTP__HOST) and restart, then start the run.");
        }

        if (await runs.RunAsync(revision.SiteId, revision.Number, cancellationToken) is not { Recipients: > 0 } run)
        {
            return (null, $"The notice run for revision {revision.Number} has no recipients yet: hand them over first.");
        }

        if (!await runs.StartAsync(run, cancellationToken))
        {
            return (run, $"The notice run for revision {revision.Number} is {run.Status} already.");
        }

        await audit.RecordAsync(actor, "notices.send", revision.SiteId, $"revision {revision.Number}: {run.Recipients} recipient(s)", cancellationToken);
        return (await runs.RunAsync(revision.SiteId, revision.Number, cancellationToken), null);
    }

    /// <summary>The run's figures so far, or null when there is no run.</summary>
    public async Task<NoticeRun?> ProgressAsync(string siteId, int revision, CancellationToken cancellationToken) =>
        await runs.RunAsync(siteId, revision, cancellationToken) is { } run ? await runs.ProgressAsync(run, cancellationToken) : null;

    /// <summary>The notice as a recipient writing <paramref name="language"/> would get it.</summary>
    public async Task<NoticeMessage> PreviewAsync(SiteRevision revision, string language, CancellationToken cancellationToken) =>
        NoticeRenderer.Render(revision, await sites.RevisionAsync(revision.SiteId, revision.Number - 1, cancellationToken), language, new Uri(options.Value.LinkBase, $"sites/{revision.SiteId}/policy"));
}
