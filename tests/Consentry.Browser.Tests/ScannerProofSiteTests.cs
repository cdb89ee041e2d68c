using Consentry.Scanner;

namespace Consentry.Browser.Tests;

/// <summary>The scanner against <see cref="ScanSite"/>, the fixture with the tricky cases, scanned once for all tests.</summary>
public sealed class ScannerProofSiteTests(BrowserFixture fixture)
{
    private Task<ScanResult> ResultAsync() => fixture.ProofScanAsync();

    private static VisitResult Visit(ScanResult r, VisitKind kind) => r.Visits.Single(v => v.Kind == kind);

    [Fact]
    public async Task ACookieAScriptSetsAfterADelayIsSeen()
    {
        var r = await ResultAsync();
        Assert.Contains(Visit(r, VisitKind.Untouched).Cookies, c => c.Name == "late_c");
    }

    [Fact]
    public async Task ACookieDeclaredThirdPartyButSetFirstPartyIsNoted()
    {
        var r = await ResultAsync();
        var note = Assert.Single(r.Findings, f => f is { Code: "SC007", Item: "late_c", Severity: FindingSeverity.Info });
        Assert.Contains("party: first", note.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(r.Findings, f => f is { Code: "SC007", Item: "tp_id" });
    }

    [Fact]
    public async Task ACookieSetOnlyOnASubPageIsSeenOnThatPage()
    {
        var r = await ResultAsync();
        var sub = Assert.Single(Visit(r, VisitKind.Untouched).Cookies, c => c.Name == "sub_c");
        Assert.Contains(Visit(r, VisitKind.Untouched).Pages, p => p.EndsWith("/about", StringComparison.Ordinal));
        Assert.Contains(r.Findings, f => f is { Code: "SC001", Item: "sub_c" });
        // Set by the sub-page's own response (its Set-Cookie line), so credited to that page, not the wave's first.
        Assert.EndsWith("/about", sub.FirstSeenOn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AThirdPartyIframeCookieAndAPartitionedOneAreSeenAsThirdParty()
    {
        var r = await ResultAsync();
        var untouched = Visit(r, VisitKind.Untouched);
        var tp = Assert.Single(untouched.Cookies, c => c.Name == "tp_id");
        Assert.True(tp.ThirdParty);
        Assert.Equal("tracker.localhost", tp.Domain.TrimStart('.'));
        var part = Assert.Single(untouched.Cookies, c => c.Name == "tp_part");
        Assert.NotNull(part.PartitionKey);
        Assert.Contains("tracker.localhost", untouched.ThirdPartyHosts);
        Assert.Contains(r.Findings, f => f is { Code: "SC003", Item: "tp_id", Visit: VisitKind.Untouched });
        var before = Assert.Single(r.Findings, f => f is { Code: "SC005", Visit: VisitKind.Untouched });
        Assert.Contains("tracker.localhost (Tracker Inc.)", before.Message, StringComparison.Ordinal);
        Assert.Contains("cdn.localhost", untouched.ThirdPartyHosts);
        Assert.DoesNotContain("cdn.localhost", before.Item, StringComparison.Ordinal);
        Assert.Contains(r.Findings, f => f is { Code: "SC008", Item: "tracker.localhost", Visit: VisitKind.RejectAll });
        Assert.DoesNotContain(r.Findings, f => f is { Code: "SC008", Item: "cdn.localhost" });
    }

    [Fact]
    public async Task AllThreeKindsOfStorageAreSeen()
    {
        var r = await ResultAsync();

        // The banner removes the functional localStorage key until consent, so it shows after Accept all.
        Assert.Contains(Visit(r, VisitKind.AcceptAll).Storage, s => s is { Kind: "localStorage", Name: "ls_key" });
        var storage = Visit(r, VisitKind.Untouched).Storage;
        Assert.Contains(storage, s => s is { Kind: "sessionStorage", Name: "ss_key" });
        Assert.Contains(storage, s => s is { Kind: "indexedDB", Name: "idb_store" });
    }

    [Fact]
    public async Task AnAnalyticsCookieSetBeforeConsentIsAnError()
    {
        var r = await ResultAsync();
        Assert.Contains(r.Findings, f => f is { Code: "SC003", Item: "_ga", Severity: FindingSeverity.Error });
    }

    [Fact]
    public async Task ACookieSetOnARedirectIsSeenWithTheRedirectsAddress()
    {
        var r = await ResultAsync();
        var untouched = Visit(r, VisitKind.Untouched);
        Assert.EndsWith("/landing", Assert.Single(untouched.Cookies, c => c.Name == "redir_c").FirstSeenOn, StringComparison.Ordinal);
        var line = Assert.Single(untouched.SetCookies, l => l.Name == "redir_c");
        Assert.EndsWith("/go", line.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageOnlyTheSitemapListsIsScanned()
    {
        var r = await ResultAsync();
        Assert.Contains(Visit(r, VisitKind.Untouched).Pages, p => p.EndsWith("/hidden", StringComparison.Ordinal));
        var hidden = Assert.Single(r.Findings, f => f is { Code: "SC001", Item: "hidden_c" });
        Assert.EndsWith("/hidden", hidden.Page, StringComparison.Ordinal);
        Assert.DoesNotContain(Visit(r, VisitKind.Untouched).Pages, p => p.Contains("elsewhere", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACookieAskingForTwoYearsIsReportedFromItsRawHeaderThoughChromiumKeepsOnly400Days()
    {
        var r = await ResultAsync();
        var line = Assert.Single(Visit(r, VisitKind.AcceptAll).SetCookies, l => l.Name == "forever");
        Assert.Equal(63072000, line.RequestedLifetimeSeconds);
        var cookie = Assert.Single(Visit(r, VisitKind.AcceptAll).Cookies, c => c.Name == "forever");
        Assert.True(DateTimeOffset.FromUnixTimeSeconds((long)cookie.ExpiresSeconds!.Value) < DateTimeOffset.UtcNow.AddDays(401));
        Assert.Contains(r.Findings, f => f is { Code: "SC016", Item: "forever" });
        Assert.Contains(r.Findings, f => f is { Code: "SC011", Item: "forever" } && f.Message.Contains("730", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CookiesScriptsAskToKeepForTwoYearsAreReportedWithTheirWholeLineFromDocumentCookieAndCookieStore()
    {
        var r = await Scan.RunAsync(new ScanOptions { Url = new Uri(fixture.ScanShop, "/scripted"), MaxPages = 1, MaxDepth = 0 }, fixture.ScanManifest, TestContext.Current.CancellationToken);
        var lines = Visit(r, VisitKind.AcceptAll).SetCookies;
        var js = Assert.Single(lines, l => l.Name == "js_long");
        Assert.Equal(("script", "js_long=1; Path=/; Max-Age=63072000", 63072000d), (js.Source, js.Line, js.RequestedLifetimeSeconds));
        var store = Assert.Single(lines, l => l.Name == "cs_long");
        Assert.Equal("cookieStore", store.Source);
        Assert.Contains("Expires=", store.Line, StringComparison.Ordinal);
        Assert.InRange(store.RequestedLifetimeSeconds!.Value / 86400, 799, 801);
        Assert.Contains(r.Findings, f => f is { Code: "SC016", Item: "js_long" });
        Assert.Contains(r.Findings, f => f is { Code: "SC016", Item: "cs_long" });
    }

    [Fact]
    public async Task CacheStorageAndAServiceWorkerAreSeenReportedAndWrittenIntoADraftManifest()
    {
        var r = await Scan.RunAsync(new ScanOptions { Url = new Uri(fixture.ScanShop, "/offline"), MaxPages = 1, MaxDepth = 0 }, fixture.ScanManifest, TestContext.Current.CancellationToken);
        var storage = Visit(r, VisitKind.Untouched).Storage;
        Assert.Contains(storage, s => s is { Kind: "cacheStorage", Name: "shop-v1", Type: Consentry.Manifests.StorageType.CacheStorage });
        Assert.Contains(storage, s => s is { Kind: "serviceWorker", Name: "/sw.js", Type: Consentry.Manifests.StorageType.ServiceWorker });
        Assert.Contains(r.Findings, f => f is { Code: "SC001", Item: "shop-v1" });
        Assert.Contains(r.Findings, f => f is { Code: "SC001", Item: "/sw.js" });
        var draft = Consentry.Manifests.ManifestLoader.Parse(Consentry.Cli.Commands.ManifestDraft.Bootstrap(r, Consentry.Scanner.Catalogue.CookieCatalogue.BuiltIn, "new.yaml").Text, "new.yaml").GetValidManifest();
        Assert.Contains(draft.AllItems, i => i is { Name: "shop-v1", Storage: Consentry.Manifests.StorageType.CacheStorage });
        Assert.Contains(draft.AllItems, i => i is { Name: "/sw.js", Storage: Consentry.Manifests.StorageType.ServiceWorker });
    }

    [Fact]
    public async Task ACookieChromiumRefusesIsReportedWithItsReason()
    {
        var r = await ResultAsync();
        var line = Assert.Single(Visit(r, VisitKind.Untouched).SetCookies, l => l.Name == "bad_none");
        Assert.Contains("SameSiteNoneInsecure", line.BlockedReasons);
        Assert.DoesNotContain(Visit(r, VisitKind.Untouched).Cookies, c => c.Name == "bad_none");
        Assert.Single(r.Findings, f => f is { Code: "SC014", Item: "bad_none", Severity: FindingSeverity.Error });
    }

    [Fact]
    public async Task RejectAllKeepsTheDeclaredNecessaryCookieAndDropsNothingDeclaredNeverSeen()
    {
        var r = await ResultAsync();
        Assert.True(Visit(r, VisitKind.RejectAll).BannerOperated);
        Assert.Contains(Visit(r, VisitKind.RejectAll).Cookies, c => c.Name == "sid");
        Assert.Contains(r.Findings, f => f is { Code: "SC002", Item: "never_set", Severity: FindingSeverity.Info });
        Assert.DoesNotContain(r.Findings, f => f is { Code: "SC002", Item: "sid" });
    }

    [Fact]
    public async Task TheOpenCookieDatabaseClassifiesWhatConsentrysOwnTableDoesNotKnow()
    {
        var r = await ResultAsync();
        Assert.Contains("Open Cookie Database", r.CookieDatabase, StringComparison.Ordinal);
        var mismatch = Assert.Single(r.Findings, f => f is { Code: "SC006", Item: "__hstc", Severity: FindingSeverity.Warning });
        Assert.Contains("Open Cookie Database", mismatch.Message, StringComparison.Ordinal);
        var undeclared = Assert.Single(r.Findings, f => f is { Code: "SC001", Item: "__utma", Visit: VisitKind.Untouched });
        Assert.Contains("Google Analytics", undeclared.Message, StringComparison.Ordinal);
        Assert.Contains(r.Findings, f => f is { Code: "SC003", Item: "__utma", Visit: VisitKind.Untouched });

        // The database's short prefix 'tp' belongs to another host (.t.tailtarget.com): it must not claim tracker.localhost's 'tp_part'.
        Assert.DoesNotContain(r.Findings, f => f is { Code: "SC003", Item: "tp_part" });
    }

    [Fact]
    public async Task AManifestWrittenFromTheScanDeclaresEverythingItSawAndMergingAddsTheRest()
    {
        var r = await ResultAsync();
        var catalogue = Consentry.Scanner.Catalogue.CookieCatalogue.Load(RepoPaths.OpenCookieDatabaseCopy);
        var fresh = Consentry.Manifests.ManifestLoader.Parse(Consentry.Cli.Commands.ManifestDraft.Bootstrap(r, catalogue, "new.yaml").Text, "new.yaml").GetValidManifest();
        foreach (var v in r.Visits)
        {
            Assert.All(v.Cookies, c => Assert.True(fresh.AllItems.Any(i => i.Storage == Consentry.Manifests.StorageType.Cookie && i.Matches(c.Name)), c.Name));
            Assert.All(v.Storage.Where(s => s.Name is not (Consentry.Banner.BannerProtocol.PendingReceiptsKey or Consentry.Banner.BannerProtocol.SeenRevisionKey)), s => Assert.Contains(fresh.AllItems, i => i.Matches(s.Name) && i.Storage != Consentry.Manifests.StorageType.Cookie));
        }

        var merged = Consentry.Cli.Commands.ManifestDraft.Merge(ScanSite.Manifest, "scan-shop.yaml", r, catalogue);
        Assert.Contains("hidden_c", merged.Added);
        Assert.Contains("__utma", merged.Added);
        Assert.DoesNotContain("_ga", merged.Added);
        Assert.StartsWith(ScanSite.Manifest[..ScanSite.Manifest.IndexOf("consent:", StringComparison.Ordinal)].TrimEnd(), merged.Text, StringComparison.Ordinal);
    }
}
