namespace Consentry.Server.Sites;

/// <summary>The difference between two revisions of a site: the classified changes and the policy text as a redline.</summary>
/// <param name="Site">The site.</param>
/// <param name="From">The older upload's number.</param>
/// <param name="To">The newer upload's number.</param>
/// <param name="Changes">Each change, material or editorial.</param>
/// <param name="RequiresRenewedConsent">Whether visitors are asked again.</param>
/// <param name="Redline">The rendered policy text (manifest language), kept, deleted and inserted.</param>
internal sealed record DiffView(string Site, int From, int To, IReadOnlyList<ChangeView> Changes, bool RequiresRenewedConsent, IReadOnlyList<RedlineSegment> Redline);
