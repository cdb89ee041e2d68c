using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Consentry.Manifests;

namespace Consentry.AspNetCore.Tests;

/// <summary><c>blocker.js</c>: served per site with its consent-needing providers' domains, and placed before the banner.</summary>
public sealed class BlockerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("consentry-blocker-").FullName;
    private readonly string _manifest;

    public BlockerTests()
    {
        // ClaimCMR blocking providers, with hosts declared: PostHog (analytics, needs consent), Stripe (necessary).
        _manifest = Path.Combine(_dir, "cookies.yaml");
        File.WriteAllText(_manifest, Yaml(blocking: true));
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Yaml(bool blocking) => File.ReadAllText(TestSite.Example("claimcmr"))
        .Replace("    name: PostHog\n", "    name: PostHog\n    domains: [EU.PostHog.com., eu-assets.i.posthog.com]\n", StringComparison.Ordinal)
        .Replace("    name: Stripe\n", "    name: Stripe\n    domains: [js.stripe.com]\n", StringComparison.Ordinal)
        .Replace("  global_privacy_control: honour\n", blocking ? "  global_privacy_control: honour\n  blocking: providers\n" : "  global_privacy_control: honour\n", StringComparison.Ordinal);

    [Fact]
    public async Task TheBlockerCarriesOnlyProvidersThatNeedConsentAndIsRevalidatedEachTime()
    {
        await using var site = await TestSite.StartAsync(_manifest);
        using var response = await site.Client.GetAsync("/consentry/blocker.js", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains("""{"c":"claimcmr_cookie_consent","r":1,"p":[["posthog",["eu.posthog.com","eu-assets.i.posthog.com"]]]}""", body, StringComparison.Ordinal);
        Assert.DoesNotContain("stripe", body, StringComparison.Ordinal);
        Assert.DoesNotContain("CONSENTRY_BLOCK", body, StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/consentry/blocker.js");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await site.Client.SendAsync(again, Token);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task ASiteThatDoesNotBlockAnswersBlockerJsWithANotFoundThatSaysHowToTurnItOn()
    {
        await using var site = await TestSite.StartAsync(TestSite.Example("claimcmr"));
        using var response = await site.Client.GetAsync("/consentry/blocker.js", Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("consent.blocking: providers", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public void TheScriptTagPutsTheSynchronousBlockerBeforeTheAsyncBanner()
    {
        var site = new ConsentrySite(ManifestLoader.Load(_manifest).GetValidManifest(), "/consentry");
        var tags = site.ScriptTag("https://consent.example");
        Assert.StartsWith("<link rel=\"preload\" href=\"https://consent.example/consentry/config.json\" as=\"fetch\" crossorigin><link rel=\"preload\" href=\"https://consent.example/consentry/banner.css\" as=\"style\">", tags, StringComparison.Ordinal);
        Assert.Contains($"<script src=\"https://consent.example/consentry/blocker.js\" integrity=\"{site.Blocker!.Integrity}\" crossorigin=\"anonymous\"></script><script src=\"https://consent.example/consentry/banner.js\"", tags, StringComparison.Ordinal);
        Assert.EndsWith(" async></script>", tags, StringComparison.Ordinal);

        var plain = new ConsentrySite(ManifestLoader.Parse(Yaml(blocking: false), "cookies.yaml").GetValidManifest(), "/consentry");
        Assert.Null(plain.Blocker);
        Assert.DoesNotContain("blocker.js", plain.ScriptTag("https://consent.example"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTagHelperPutsTheInlineConfigurationAndTheBlockerWithPathBaseIntegrityAndNonceBeforeTheBanner()
    {
        var site = new ConsentrySite(ManifestLoader.Load(_manifest).GetValidManifest(), "/consentry");
        var plain = new ConsentrySite(ManifestLoader.Parse(Yaml(blocking: false), "cookies.yaml").GetValidManifest(), "/consentry");
        await using var host = await TestSite.StartAsync(_manifest, first: app =>
        {
            app.MapGet("/before", (HttpContext c) => BannerTags.BeforeBanner(site, c, "/app/consentry", "n1"));
            app.MapGet("/plain", (HttpContext c) => BannerTags.BeforeBanner(plain, c, "/app/consentry", null));
        });
        var before = await host.Client.GetStringAsync("/before", Token);
        Assert.StartsWith("<script type=\"application/json\" id=\"consentry-config\">{", before, StringComparison.Ordinal);
        Assert.EndsWith(
            "</script><link rel=\"preload\" href=\"/app/consentry/banner.css\" as=\"style\">"
            + $"<script src=\"/app/consentry/blocker.js\" integrity=\"{site.Blocker!.Integrity}\" crossorigin=\"anonymous\" nonce=\"n1\"></script>", before);
        Assert.DoesNotContain("config.json", before, StringComparison.Ordinal);
        Assert.DoesNotContain("blocker.js", await host.Client.GetStringAsync("/plain", Token), StringComparison.Ordinal);
    }

    [Fact]
    public void TheBlockerTagNamesTheProvidersAVisitorsRegionLetsLoadBeforeAChoiceOutsideTheHashedScript()
    {
        var site = new ConsentrySite(ManifestLoader.Load(_manifest).GetValidManifest(), "/consentry");
        var before = site.BlockerTag("", null, ["stripe", "posthog", "<unknown>"]);
        Assert.Contains($"integrity=\"{site.Blocker!.Integrity}\" crossorigin=\"anonymous\" data-cy-pre=\"posthog\"></script>", before, StringComparison.Ordinal);
        // The blocker reads the same attribute.
        Assert.Contains("getAttribute('data-cy-pre')", File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "banner", "src", "blocker.ts")), StringComparison.Ordinal);
    }

    [Fact]
    public void TheBlockersIntegrityChangesWithTheSitesProviders()
    {
        var before = new ConsentrySite(ManifestLoader.Load(_manifest).GetValidManifest(), "/consentry").Blocker!;
        var moved = Yaml(blocking: true).Replace("eu-assets.i.posthog.com", "us-assets.i.posthog.com", StringComparison.Ordinal);
        var after = new ConsentrySite(ManifestLoader.Parse(moved, "cookies.yaml").GetValidManifest(), "/consentry").Blocker!;
        Assert.NotEqual(before.Integrity, after.Integrity);
    }

    [Fact]
    public void TheSitesOwnDomainsAndThoseOfProvidersThatNeedNoConsentAreNeverBlocked()
    {
        // PostHog (needs consent) behind the site's own domain and beside Stripe's (needs none), within it (m.js.stripe.com)
        // or holding it (stripe.com, which would block js.stripe.com): only its own host is held.
        var yaml = Yaml(blocking: true).Replace("domains: [EU.PostHog.com., eu-assets.i.posthog.com]", "domains: [claimcmr.com, app.claimcmr.com, com, m.js.stripe.com, stripe.com, eu.posthog.com]", StringComparison.Ordinal);
        var manifest = ManifestLoader.Parse(yaml, "cookies.yaml").GetValidManifest();
        var site = new ConsentrySite(manifest, "/consentry");
        var blockable = Assert.Single(BlockerScript.Blockable(manifest, ["posthog"]));
        Assert.Equal("posthog", blockable.Id);
        Assert.Equal(["eu.posthog.com"], blockable.Domains);
        Assert.Contains("""["posthog",["eu.posthog.com"]]""", System.Text.Encoding.UTF8.GetString(site.Blocker!.Content), StringComparison.Ordinal);
    }
}
