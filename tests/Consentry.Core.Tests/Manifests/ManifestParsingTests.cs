using Consentry.Diagnostics;
using Consentry.Manifests;

namespace Consentry.Core.Tests.Manifests;

public sealed class ManifestParsingTests
{
    [Fact]
    public void ReadsEveryPartOfAnItem()
    {
        var m = ManifestText.Valid(ManifestText.With("""
              - name: ph_*
                type: cookie
                category: analytics
                provider: posthog
                party: third
                purpose: { en: Product analytics, de: Produktanalyse }
                duration: 1y
                duration_note: or until cleared
                attributes: { secure: true, http_only: false, same_site: none, path: /, partitioned: true }
                environments: [production]
            """, """
            providers:
              posthog:
                name: PostHog
                privacy_policy: https://posthog.com/privacy
                domains: [us.i.posthog.com]
            consent:
              cookie: session
              lifetime: 6mo
            """));
        var item = m.Items.Single(i => i.Name == "ph_");
        Assert.Equal(NameMatch.Prefix, item.Match);
        Assert.Equal("ph_*", item.DisplayName);
        Assert.True(item.Matches("ph_phc_abc_posthog"));
        Assert.False(item.Matches("php_session"));
        Assert.Equal(Party.Third, item.Party);
        Assert.Equal("Produktanalyse", item.Purpose!.Get("de"));
        Assert.Equal("Product analytics", item.Purpose.Get("fr"));
        Assert.Equal(SameSitePolicy.None, item.Attributes.SameSite);
        Assert.True(item.Attributes.Partitioned);
        Assert.False(item.Attributes.HttpOnly);
        Assert.Equal(["production"], item.Environments);
        Assert.Equal("PostHog", m.FindProvider("posthog")!.Name);
        Assert.True(m.BannerRequired);
    }

    [Theory]
    [InlineData("localStorage", StorageType.LocalStorage)]
    [InlineData("local_storage", StorageType.LocalStorage)]
    [InlineData("sessionStorage", StorageType.SessionStorage)]
    [InlineData("indexedDB", StorageType.IndexedDb)]
    [InlineData("cacheStorage", StorageType.CacheStorage)]
    [InlineData("service_worker", StorageType.ServiceWorker)]
    [InlineData("cookie", StorageType.Cookie)]
    public void AcceptsStorageTypesInCommonSpellings(string spelling, StorageType expected)
    {
        var m = ManifestText.Valid(ManifestText.With($"""
              - name: key
                type: {spelling}
                category: necessary
                purpose: x
                duration: until-cleared
            """));
        Assert.Equal(expected, m.Items.Single(i => i.Name == "key").Storage);
    }

    [Fact]
    public void VariantsBecomeItemsThatInheritWhatTheyDoNotRestate()
    {
        var m = ManifestText.Valid(ManifestText.With("""
              - name: authjs.session-token
                category: necessary
                purpose: Session token.
                duration: 8h
                environments: [development]
                attributes: { http_only: true, path: / }
                variants:
                  - name: __Secure-authjs.session-token
                    environments: [production]
                    attributes: { secure: true }
            """));
        var variant = m.AllItems.Single(i => i.Name == "__Secure-authjs.session-token");
        Assert.Equal("authjs.session-token", variant.VariantOf);
        Assert.True(variant.Attributes.Secure);
        Assert.True(variant.Attributes.HttpOnly);
        Assert.Equal("/", variant.Attributes.Path);
        Assert.Equal(TimeSpan.FromHours(8), variant.Duration.Length);
        Assert.Equal(["production"], variant.Environments);
        Assert.Equal("Session token.", variant.Purpose!.ToString());
    }

    [Fact]
    public void JsonManifestsReadLikeYamlEvenWithTabs()
    {
        var json = "{\n\t\"consentry\": 1,\n\t\"site\": {\"name\": \"J\", \"contact\": {\"email\": \"a@j.example\"}},\n\t\"items\": [\n\t\t{\"name\": \"sid\", \"category\": \"necessary\", \"purpose\": \"Login\", \"duration\": \"8h\"}\n\t],\n\t\"history\": [{\"date\": \"2026-01-01\", \"summary\": \"First\"}]\n}\n";
        var m = ManifestText.Valid(json, "cookies.json");
        Assert.Equal("sid", m.Items.Single().Name);
        Assert.Equal(1, m.Revision);
    }

    [Fact]
    public void JsonErrorsAlsoPointAtLineAndColumn()
    {
        var json = "{\n  \"site\": {\"name\": \"J\", \"contact\": {\"email\": \"a@j.example\"}},\n  \"items\": [{\"name\": \"sid\", \"category\": \"nope\", \"purpose\": \"x\", \"duration\": \"8h\"}],\n  \"history\": [{\"date\": \"2026-01-01\", \"summary\": \"First\"}]\n}";
        var d = ManifestText.Single(ManifestText.Load(json, "c.json"), DiagnosticCodes.UnknownCategory);
        Assert.Equal(new SourceLocation("c.json", 3, 41), d.Location);
    }

    [Fact]
    public void RevisionAndLastUpdatedMoveOnlyWithMaterialHistoryEntries()
    {
        var m = ManifestText.Valid("""
            site: { name: T, contact: { email: a@t.example } }
            history:
              - date: 2026-01-02
                summary: First.
              - date: 2026-03-04
                summary: Added analytics.
              - date: 2026-06-07
                material: false
                summary: Fixed a typo.
            """);
        Assert.Equal(2, m.Revision);
        Assert.Equal(new DateOnly(2026, 3, 4), m.LastUpdated);
    }

    [Fact]
    public void OnlyStrictlyNecessaryAndExemptItemsNeedNoBanner()
    {
        var m = ManifestText.Valid(ManifestText.With("""
              - name: theme
                type: localStorage
                category: functional
                purpose: Light or dark mode you chose.
                duration: until-cleared
                consent_exempt: user-requested
            """));
        Assert.False(m.BannerRequired);
    }

    [Fact]
    public void LoadingAMissingFileSaysSoWithoutThrowing()
    {
        var result = ManifestLoader.Load(Path.Combine(Path.GetTempPath(), "no-such-dir", "cookies.yaml"));
        Assert.True(result.HasErrors);
        Assert.Contains("does not exist", result.Diagnostics.Single().Message, StringComparison.Ordinal);
        Assert.Contains("consentry init", result.Diagnostics.Single().Fix, StringComparison.Ordinal);
    }
}
