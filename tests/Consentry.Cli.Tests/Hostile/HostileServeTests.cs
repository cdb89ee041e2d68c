using System.Net;
using Consentry.Cli.Serving;

namespace Consentry.Cli.Tests.Hostile;

/// <summary><c>consentry validate</c> and <c>consentry serve</c> facing hostile manifests, spoofed client addresses and cross-origin callers.</summary>
public sealed class HostileServeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string DeepManifest(TempDir dir, string folder)
    {
        Directory.CreateDirectory(dir.File(folder));
        var path = Path.Combine(dir.File(folder), "cookies.yaml");
        File.WriteAllText(path, File.ReadAllText(CliRun.Example("claimcmr")) + "extra: " + new string('[', 50_000) + new string(']', 50_000) + "\n");
        return path;
    }

    [Fact]
    public void ValidateReportsA50000LevelManifestAsALocatedErrorInsteadOfDying()
    {
        using var dir = new TempDir();
        var path = DeepManifest(dir, "deep");
        var run = CliRun.Of("validate", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(path)}:\d+:\d+: error CN0012: Mappings and lists are nested more than 32 levels deep", run.Out);
    }

    [Fact]
    public void ServeRefusesA50000LevelManifestWithTheSameLocatedError()
    {
        using var dir = new TempDir();
        DeepManifest(dir, "deep");
        var e = Assert.Throws<Consentry.Manifests.ManifestException>(() => SiteServer.Sites(dir.Path, "http://127.0.0.1:0", TextWriter.Null, new SiteServer.Settings(dir.File("ledger.db"))));
        Assert.Contains("error CN0012", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OnlyATrustedProxyDecidesWhichVisitorARateLimitCounts(bool trusted)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("claimcmr"));
        File.Copy(CliRun.Example("claimcmr"), Path.Combine(dir.File("claimcmr"), "cookies.yaml"));
        var proxies = trusted ? new[] { System.Net.IPNetwork.Parse("127.0.0.1/32") } : [];
        await using var app = SiteServer.Sites(dir.Path, "http://127.0.0.1:0", TextWriter.Null, new SiteServer.Settings(dir.File("ledger.db"), ReceiptsPerMinute: 1, TrustedProxies: proxies));
        await app.StartAsync(Cancel);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var hash = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/sites/claimcmr/config.json", Cancel)).RootElement.GetProperty("policyHash").GetString();

        async Task<HttpStatusCode> PostAsync(string visitor)
        {
            var body = $$"""{"receiptId":"{{Guid.NewGuid():N}}","consentId":"{{new string('a', 32)}}","revision":1,"policyHash":"{{hash}}","categories":{"necessary":true,"analytics":false},"services":{"posthog":false},"method":"reject-all","language":"en","pageUrl":"https://claimcmr.com/"}""";
            using var request = new HttpRequestMessage(HttpMethod.Post, "/sites/claimcmr/receipts") { Content = new StringContent(body) };
            request.Headers.Add("X-Forwarded-For", visitor);
            using var response = await client.SendAsync(request, Cancel);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Created, await PostAsync("203.0.113.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync("203.0.113.1"));
        Assert.Equal(trusted ? HttpStatusCode.Created : HttpStatusCode.TooManyRequests, await PostAsync("203.0.113.2"));
    }

    [Fact]
    public void ATrustedProxyThatIsNotAnAddressIsAUsageError()
    {
        var run = CliRun.Of("serve", "--demo", "--trusted-proxy", "proxy.example");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--trusted-proxy 'proxy.example' is not an IP address or CIDR network", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACrossOriginPolicyAnswerVariesByOriginAndLanguage()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("claimcmr"));
        File.Copy(CliRun.Example("claimcmr"), Path.Combine(dir.File("claimcmr"), "cookies.yaml"));
        await using var app = SiteServer.Sites(dir.Path, "http://127.0.0.1:0", TextWriter.Null, new SiteServer.Settings(dir.File("ledger.db")));
        await app.StartAsync(Cancel);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sites/claimcmr/policy");
        request.Headers.Add("Origin", "https://claimcmr.com");
        using var response = await client.SendAsync(request, Cancel);
        Assert.Equal("https://claimcmr.com", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Origin", response.Headers.Vary);
        Assert.Contains("Accept-Language", response.Headers.Vary);
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
