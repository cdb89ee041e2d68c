using Consentry.Manifests;
using Consentry.Policy;
using Consentry.Revisions;

namespace Consentry.Server.Sites;

/// <summary>Compares two stored revisions with the same rules as <c>consentry diff</c>, and redlines their rendered policies.</summary>
internal static class RevisionDiff
{
    public static DiffView Of(SiteRevision older, SiteRevision newer)
    {
        var a = ManifestLoader.Parse(older.Yaml, older.FileName).GetValidManifest();
        var b = ManifestLoader.Parse(newer.Yaml, newer.FileName).GetValidManifest();
        var diff = ManifestComparer.Compare(a, b);
        var changes = diff.Changes.Select(c => new ChangeView(c.Kind == ChangeKind.Material ? "material" : "editorial", c.Subject, c.Description, c.RequiresConsent)).ToList();
        var redline = Redline.Compare(PolicyRenderer.Render(a, PolicyFormat.Text), PolicyRenderer.Render(b, PolicyFormat.Text));
        return new DiffView(newer.SiteId, older.Number, newer.Number, changes, diff.RequiresRenewedConsent, redline);
    }
}
