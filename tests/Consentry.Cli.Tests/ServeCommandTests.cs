using System.Net;
using Consentry.Cli.Serving;
using Microsoft.Extensions.Configuration;

namespace Consentry.Cli.Tests;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task SitesAreServedWithCorsLimitedToTheirDeclaredDomains()
    {
        using var dir = new TempDir();
        await using var app = ClaimCmrSites(dir);
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        async Task<HttpResponseMessage> Get(string path, string? origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            return await client.SendAsync(request, TestContext.Current.CancellationToken);
        }

        using var allowed = await Get("/sites/claimcmr/config.json", "https://app.claimcmr.com");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("https://app.claimcmr.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Origin", allowed.Headers.Vary);
        Assert.Contains("\"policyUrl\":\"/sites/claimcmr/policy\"", await allowed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var foreign = await Get("/sites/claimcmr/config.json", "https://evil.example");
        Assert.False(foreign.Headers.Contains("Access-Control-Allow-Origin"));
        using var lookalike = await Get("/sites/claimcmr/config.json", "https://notclaimcmr.com");
        Assert.False(lookalike.Headers.Contains("Access-Control-Allow-Origin"));

        using var script = await Get("/sites/claimcmr/banner.js", null);
        Assert.Equal("public, max-age=3600", script.Headers.CacheControl!.ToString());
        using var policy = await Get("/sites/claimcmr/policy?lang=de", null);
        Assert.Contains("Cookie-Richtlinie", await policy.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var unknownSite = await client.PostAsync("/sites/nope/receipts", new StringContent("{}"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknownSite.StatusCode);
        Assert.Equal("application/problem+json", unknownSite.Content.Headers.ContentType?.MediaType);
        Assert.Contains("No site 'nope'", await unknownSite.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var index = await Get("/", null);
        var indexHtml = await index.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("/sites/claimcmr/banner.js&quot; integrity=&quot;sha384-", indexHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServedSitesReadAppSettingsWithoutWatchingTheWorkingFolder()
    {
        // A watch on appsettings.json covers the working folder and every folder below: a ledger kept there woke it on
        // every write (about a tenth of the receipt throughput).
        using var dir = new TempDir();
        await using var app = ClaimCmrSites(dir);
        var files = ((IConfigurationRoot)app.Configuration).Providers.OfType<FileConfigurationProvider>().ToList();
        Assert.Contains(files, f => f.Source.Path == "appsettings.json");
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, $"{f.Source.Path} is watched for changes."));
    }

    [Fact]
    public async Task ADriftedDemoSetsAnUndeclaredCookieOnClaimCmrBeforeAnyChoice()
    {
        using var dir = new TempDir();
        foreach (var drift in new[] { false, true })
        {
            await using var app = SiteServer.Demo("http://127.0.0.1:0", TextWriter.Null, new SiteServer.Settings(Path.Combine(dir.Path, $"ledger-{drift}.db"), Drift: drift));
            await app.StartAsync(TestContext.Current.CancellationToken);
            var port = new Uri(app.Urls.First()).Port;
            using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(app.Urls.First()) };
            using var home = new HttpRequestMessage(HttpMethod.Get, "/");
            home.Headers.Host = $"claimcmr.localhost:{port}";
            using var response = await client.SendAsync(home, TestContext.Current.CancellationToken);
            var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
            Assert.Equal(drift, cookies.Any(c => c.StartsWith("promo_ref=", StringComparison.Ordinal) && c.Contains("max-age=7776000", StringComparison.Ordinal)));
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        var alone = CliRun.Of("serve", "--sites", dir.Path, "--drift");
        Assert.Equal(2, alone.ExitCode);
        Assert.Contains("--drift goes with --demo", alone.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDemoIndexSwitchesDriftOnAndOffAtRunTime()
    {
        using var dir = new TempDir();
        await using var app = SiteServer.Demo("http://127.0.0.1:0", TextWriter.Null, new SiteServer.Settings(Path.Combine(dir.Path, "ledger.db")));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var port = new Uri(app.Urls.First()).Port;
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(app.Urls.First()) };
        async Task<bool> DriftedAsync()
        {
            using var home = new HttpRequestMessage(HttpMethod.Get, "/");
            home.Headers.Host = $"claimcmr.localhost:{port}";
            using var response = await client.SendAsync(home, TestContext.Current.CancellationToken);
            return response.Headers.TryGetValues("Set-Cookie", out var values) && values.Any(c => c.StartsWith("promo_ref=", StringComparison.Ordinal));
        }

        Assert.False(await DriftedAsync());
        Assert.Contains("Break ClaimCMR", await client.GetStringAsync("/", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await client.PostAsync("/demo/drift", null, TestContext.Current.CancellationToken)).StatusCode);
        Assert.True(await DriftedAsync());
        Assert.Contains("Repair ClaimCMR", await client.GetStringAsync("/", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await client.PostAsync("/demo/drift", null, TestContext.Current.CancellationToken);
        Assert.False(await DriftedAsync());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task TheDemoSetsTheSeedsCookiesUnderAStrictCsp()
    {
        using var dir = new TempDir();
        await using var app = SiteServer.Demo("http://127.0.0.1:0", TextWriter.Null, new SiteServer.Settings(Path.Combine(dir.Path, "ledger.db")));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var port = new Uri(app.Urls.First()).Port;
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(app.Urls.First()) };

        using var signin = new HttpRequestMessage(HttpMethod.Get, "/signin");
        signin.Headers.Host = $"casemgmt.localhost:{port}";
        using var response = await client.SendAsync(signin, TestContext.Current.CancellationToken);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        var session = Assert.Single(cookies, c => c.StartsWith("__Secure-authjs.session-token=", StringComparison.Ordinal));
        Assert.Contains("max-age=28800", session, StringComparison.Ordinal);
        Assert.Contains("secure", session, StringComparison.Ordinal);
        Assert.Contains("httponly", session, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", session, StringComparison.Ordinal);
        Assert.Contains(cookies, c => c.StartsWith("__Host-authjs.csrf-token=", StringComparison.Ordinal) && c.Contains("path=/", StringComparison.Ordinal));
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self' 'nonce-", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);

        using var index = await client.GetAsync("/", TestContext.Current.CancellationToken);
        var html = await index.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        foreach (var site in new[] { "casemgmt", "claimcmr", "clinixai", "connectwyze" })
        {
            Assert.Contains($"http://{site}.localhost:{port}/", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ServeNeedsExactlyOneOfSitesOrDemo()
    {
        Assert.Equal(2, CliRun.Of("serve").ExitCode);
        Assert.Equal(2, CliRun.Of("serve", "--demo", "--sites", ".").ExitCode);
        var missing = CliRun.Of("serve", "--sites", "/no/such/dir");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("not a folder", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeReadsTheVisitorsRegionFromTheCdnsHeadersWhenGivenBothRegionFlags()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "claimcmr"));
        File.WriteAllText(Path.Combine(dir.Path, "claimcmr", "cookies.yaml"), File.ReadAllText(RepoPaths.Example("claimcmr")) + "regions:\n  US-PRIVACY: opt-out\n");
        var settings = new SiteServer.Settings(Path.Combine(dir.Path, "ledger.db")) { RegionHeaders = Consentry.AspNetCore.RegionHeaders.Parse("vercel"), RegionProxies = [Consentry.AspNetCore.TrustedProxies.Parse("127.0.0.1")] };
        await using (var app = SiteServer.Sites(dir.Path, "http://127.0.0.1:0", TextWriter.Null, settings))
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/sites/claimcmr/config.json");
            request.Headers.Add("X-Vercel-IP-Country", "US");
            request.Headers.Add("X-Vercel-IP-Country-Region", "CO");
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Contains("\"model\":\"opt-out\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var alone = CliRun.Of("serve", "--sites", dir.Path, "--region-headers", "cloudflare");
        Assert.Equal(2, alone.ExitCode);
        Assert.Contains("--region-headers and --region-proxy go together", alone.Err, StringComparison.Ordinal);
        var bogus = CliRun.Of("serve", "--sites", dir.Path, "--region-headers", "akamai edge", "--region-proxy", "127.0.0.1");
        Assert.Equal(2, bogus.ExitCode);
        Assert.Contains("--region-headers 'akamai edge' names no region headers", bogus.Err, StringComparison.Ordinal);
    }

    /// <summary>The sites server (not started) for a folder holding ClaimCMR's manifest, with its ledger in that folder.</summary>
    private static Microsoft.AspNetCore.Builder.WebApplication ClaimCmrSites(TempDir dir)
    {
        Directory.CreateDirectory(Path.Combine(dir.Path, "claimcmr"));
        File.Copy(CliRun.Example("claimcmr"), Path.Combine(dir.Path, "claimcmr", "cookies.yaml"));
        return SiteServer.Sites(dir.Path, "http://127.0.0.1:0", TextWriter.Null, new SiteServer.Settings(Path.Combine(dir.Path, "ledger.db")));
    }
}
