using System.Globalization;
using System.Text.Json.Nodes;
using Consentry.Manifests;
using Consentry.Revisions;

namespace Consentry.Server.Sites;

/// <summary>The data of a <c>revision.material</c> event: what changed, in the site's own words and the diff's, when, and where to read it.</summary>
internal static class RevisionAlert
{
    public static JsonObject Data(SiteRevision revision, CookieManifest manifest, ManifestDiff diff, Uri linkBase)
    {
        var entry = manifest.History.Where(h => h.Material).OrderBy(h => h.Date).LastOrDefault();
        var changes = diff.Changes.Where(c => c.Kind == ChangeKind.Material).ToList();
        var summaries = new JsonObject();
        foreach (var (language, text) in entry?.Summary.Translations ?? new Dictionary<string, string>())
        {
            summaries[language] = text;
        }

        return new JsonObject
        {
            ["summary"] = $"{manifest.Site.Name} ({revision.SiteId}) published a material change to its cookie policy (revision {revision.ManifestRevision}){(revision.RenewedConsent ? "; visitors are asked again" : "")}",
            ["site"] = revision.SiteId,
            ["siteName"] = manifest.Site.Name,
            ["revision"] = revision.Number,
            ["policyRevision"] = revision.ManifestRevision,
            ["effective"] = (manifest.LastUpdated ?? DateOnly.FromDateTime(revision.Uploaded.UtcDateTime)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["renewedConsent"] = revision.RenewedConsent,
            ["whatChanged"] = summaries,
            ["changes"] = new JsonArray([.. changes.Select(c => (JsonNode)new JsonObject { ["subject"] = c.Subject, ["description"] = c.Description, ["requiresConsent"] = c.RequiresConsent })]),
            ["lines"] = new JsonArray([.. changes.Select(c => (JsonNode)JsonValue.Create($"{c.Subject}: {c.Description}"))]),
            ["policyUrl"] = new Uri(linkBase, $"sites/{revision.SiteId}/policy").ToString(),
            ["link"] = new Uri(linkBase, $"admin/sites/{revision.SiteId}/diff?to={revision.Number}").ToString(),
        };
    }
}
