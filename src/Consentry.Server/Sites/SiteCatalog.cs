using Consentry.AspNetCore;
using Consentry.Diagnostics;
using Consentry.Manifests;
using Consentry.Revisions;
using Consentry.Server.Audit;
using Consentry.Server.Notifications;

namespace Consentry.Server.Sites;

/// <summary>
/// The sites this server serves: each site's latest revision from the database, published into the host's
/// <see cref="ConsentrySites"/> (served under <c>/sites/&lt;id&gt;/</c>), and new revisions checked, stored,
/// served and audited in one place, whether they come from the UI, the API or the watched folder.
/// </summary>
internal sealed class SiteCatalog(SiteRepository repository, ConsentrySites sites, AuditTrail audit, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ServerOptions> options)
{
    private readonly Dictionary<string, SiteRevision> _served = new(StringComparer.Ordinal);
    private readonly Lock _servedLock = new();

    /// <summary>Where a site's public endpoints live.</summary>
    public static string PathBase(string siteId) => "/sites/" + siteId;

    /// <summary>Serves every site's latest revision that is not served yet (at start, and after another instance published).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, number) in await repository.LatestNumbersAsync(cancellationToken))
        {
            lock (_servedLock)
            {
                if (_served.TryGetValue(id, out var served) && served.Number >= number)
                {
                    continue;
                }
            }

            if (await repository.RevisionAsync(id, number, cancellationToken) is { } revision)
            {
                Serve(revision, ManifestLoader.Parse(revision.Yaml, revision.FileName).GetValidManifest());
            }
        }
    }

    /// <summary>Checks <paramref name="yaml"/> and, when valid and different, stores it as the site's next revision and serves it.</summary>
    public async Task<PublishResult> PublishAsync(string siteId, string fileName, string yaml, string actor, CancellationToken cancellationToken)
    {
        if (SiteIds.Problem(siteId) is { } problem)
        {
            return new PublishResult(PublishOutcome.BadSiteId, null, [problem], [], null);
        }

        var name = SafeFileName(fileName);
        var loaded = ManifestLoader.Parse(yaml, name);
        var errors = loaded.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.ToString()).ToList();
        var warnings = loaded.Diagnostics.Where(d => d.Severity != Severity.Error).Select(d => d.ToString()).ToList();
        if (errors.Count > 0 || loaded.Manifest is not { } manifest)
        {
            return new PublishResult(PublishOutcome.Invalid, null, errors, warnings, null);
        }

        for (var attempt = 0; ; attempt++)
        {
            var latest = await repository.LatestAsync(siteId, cancellationToken);
            if (latest is not null && latest.Yaml == yaml)
            {
                return new PublishResult(PublishOutcome.Unchanged, latest, [], warnings, null);
            }

            var diff = latest is null ? null : ManifestComparer.Compare(ManifestLoader.Parse(latest.Yaml, latest.FileName).GetValidManifest(), manifest);
            if (diff is { RevisionNotMoved: true })
            {
                return new PublishResult(PublishOutcome.Invalid, null,
                    [$"{name}: error: material changes since revision {latest!.Number}, but the manifest's revision is still {manifest.Revision}. Fix: add a 'history' entry with today's date and 'material: true' describing them."], warnings, diff);
            }

            var revision = new SiteRevision(siteId, (latest?.Number ?? 0) + 1, manifest.Revision, name, yaml, diff?.HasMaterialChanges ?? true, diff?.RequiresRenewedConsent ?? false, clock.GetUtcNow(), actor);
            var alert = diff is { HasMaterialChanges: true } ? (EventTypes.RevisionMaterial, RevisionAlert.Data(revision, manifest, diff, options.Value.LinkBase)) : ((string, System.Text.Json.Nodes.JsonObject)?)null;
            if (await repository.AddAsync(revision, alert, cancellationToken))
            {
                Serve(revision, manifest);
                var what = latest is null ? "new site" : $"revision {revision.Number}: {(revision.Material ? "material" : "editorial")}{(revision.RenewedConsent ? ", visitors asked again" : "")}";
                await audit.RecordAsync(actor, "site.publish", siteId, what, cancellationToken);
                return new PublishResult(latest is null ? PublishOutcome.Created : PublishOutcome.Updated, revision, [], warnings, diff);
            }

            if (attempt >= 3)
            {
                throw new InvalidOperationException($"Site '{siteId}' kept changing while revision {revision.Number} was being stored; try the upload again.");
            }
        }
    }

    /// <summary>Every served site, by id, with the script tag for <paramref name="origin"/>.</summary>
    public IReadOnlyList<SiteView> Views(string origin)
    {
        lock (_servedLock)
        {
            return [.. _served.Values.OrderBy(r => r.SiteId, StringComparer.Ordinal).Select(r => View(r, origin)).OfType<SiteView>()];
        }
    }

    /// <summary>The served site with this id, or null.</summary>
    public SiteView? View(string siteId, string origin)
    {
        lock (_servedLock)
        {
            return _served.TryGetValue(siteId, out var r) ? View(r, origin) : null;
        }
    }

    /// <summary>The first domain the served site's manifest names, or null.</summary>
    public string? Domain(string siteId) => sites.Find(siteId)?.Manifest.Site.Domains is [var first, ..] ? first : null;

    private SiteView? View(SiteRevision r, string origin) =>
        sites.Find(r.SiteId) is { } site
            ? new SiteView(r.SiteId, site.Manifest.Site.Name, r.Number, r.ManifestRevision, r.Uploaded, site.Manifest.BannerRequired, site.ScriptTag(origin))
            : null;

    private void Serve(SiteRevision revision, CookieManifest manifest)
    {
        var prefix = PathBase(revision.SiteId);
        sites.Set(new ConsentrySite(manifest, prefix, revision.SiteId), c => c.Request.Path.StartsWithSegments(prefix));
        lock (_servedLock)
        {
            _served[revision.SiteId] = revision;
        }
    }

    /// <summary>The upload's own name without any folder part (no path tricks reach a message or the database); <c>cookies.yaml</c> when it has none.</summary>
    private static string SafeFileName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string([.. name.Where(ch => !char.IsControl(ch))]).Trim();
        return name.Length is 0 or > 100 ? "cookies.yaml" : name;
    }
}
