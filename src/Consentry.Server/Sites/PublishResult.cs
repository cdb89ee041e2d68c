using Consentry.Revisions;

namespace Consentry.Server.Sites;

/// <summary>The answer to an upload: the outcome, the stored revision, and the located errors and warnings exactly as <c>consentry validate</c> prints them.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Revision">The stored (or unchanged latest) revision, if any.</param>
/// <param name="Errors">Located errors, one line each (file:line:column: error CNxxxx: …).</param>
/// <param name="Warnings">Located warnings.</param>
/// <param name="Diff">The changes since the previous revision, when there was one.</param>
internal sealed record PublishResult(PublishOutcome Outcome, SiteRevision? Revision, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, ManifestDiff? Diff);
