using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Consentry.Server.Tests.Hostile;

/// <summary>Bad input against the server: each answered with a clear 4xx (ProblemDetails in the API), nothing stored, no stack trace.</summary>
public sealed class HostileServerTests(ServerFixture fixture)
{
    private ServerUnderTest Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Manifest() => new(File.ReadAllText(RepoPaths.Example("claimcmr")), Encoding.UTF8, "application/yaml");

    [Theory]
    [InlineData("Bad_Id")]
    [InlineData("consentry-audit")]
    [InlineData("..%2F..%2Fetc")]
    [InlineData("-leading-dash")]
    [InlineData("a-site-id-that-is-far-too-long-to-be-a-site-id-anyone-would-choose-x")]
    public async Task AnUnusableSiteIdIsRefusedAndNothingIsStored(string id)
    {
        var key = await Server.KeyAsync("admin");
        var response = await Server.ApiAsync(HttpMethod.Put, $"/api/v1/sites/{id}/manifest", key, Manifest());
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{id}: {response.StatusCode}");
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        var sites = await (await Server.ApiAsync(HttpMethod.Get, "/api/v1/sites", key)).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(Uri.UnescapeDataString(id), sites, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedRequestIsOneLogLineNamingItWithoutTheKeyOrAStackTrace()
    {
        var key = await Server.KeyAsync("read", "claimcmr");
        var marker = "/api/v1/sites/probe-" + Guid.NewGuid().ToString("N")[..12] + "/stats";
        Assert.Equal(HttpStatusCode.Forbidden, (await Server.ApiAsync(HttpMethod.Get, marker, key)).StatusCode);
        var lines = Server.Logs.Entries.Where(e => e.Message.Contains(marker, StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.Contains("refused with 403", line.Message, StringComparison.Ordinal);
        Assert.Contains("key:" + key.Split('_')[1], line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, line.Message, StringComparison.Ordinal);
        Assert.False(line.HasException);
    }

    [Fact]
    public async Task ADatabaseThatCannotBeReachedIsOneLineAndExitOneNotAStackTrace()
    {
        const string nowhere = "Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=5";
        foreach (var args in new[] { new[] { "server", "admin", "add", "--email", "a@example.com", "--postgres", nowhere }, ["server", "--urls", "http://127.0.0.1:0", "--postgres", nowhere] })
        {
            var run = await CliProcess.RunAsync(args);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("the server's database cannot be used", run.Err, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AManifestThatIsNotUtf8Is400()
    {
        var key = await Server.KeyAsync("write");
        var response = await Server.ApiAsync(HttpMethod.Put, "/api/v1/sites/latin1/manifest", key, new ByteArrayContent([0x63, 0x6F, 0x6E, 0x73, 0xE9, 0xFF, 0x0A]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not UTF-8", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{\"email\":42}")]
    public async Task MalformedJsonBodiesAre400WithoutAStackTrace(string json)
    {
        var key = await Server.KeyAsync("admin");
        var response = await Server.ApiAsync(HttpMethod.Post, "/api/v1/keys", key, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("' OR 1=1 --")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("%00")]
    public async Task ALookUpOfSomethingThatIsNoConsentIdIs400(string id)
    {
        var key = await Server.KeyAsync("read");
        var response = await Server.ApiAsync(HttpMethod.Get, "/api/v1/sites/claimcmr/records/" + Uri.EscapeDataString(id), key);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task SignInNeverRedirectsOffTheServer(string returnUrl)
    {
        var session = new AdminSession(Server.Client);
        var response = await session.PostFormAsync("/admin/login", new() { ["email"] = ServerUnderTest.AdminEmail, ["password"] = ServerUnderTest.Password, ["returnUrl"] = returnUrl });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AKeyRequestForAnUnknownAccessLevelOrABadSiteIsRefused()
    {
        var key = await Server.KeyAsync("admin");
        Assert.Equal(HttpStatusCode.BadRequest, (await Server.ApiAsync(HttpMethod.Post, "/api/v1/keys", key, JsonContent.Create(new { name = "x", access = "root" }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Server.ApiAsync(HttpMethod.Post, "/api/v1/keys", key, JsonContent.Create(new { name = "x", access = "read", sites = new[] { "../etc" } }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Server.ApiAsync(HttpMethod.Post, "/api/v1/keys", key, JsonContent.Create(new { name = "", access = "read" }))).StatusCode);
    }
}
