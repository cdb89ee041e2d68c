using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Consentry.Server.Tests;

/// <summary>Two real server processes on one real PostgreSQL: one sign-in for both, one set of sites and figures, scheduled work once a period.</summary>
public sealed partial class MultiInstanceTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoInstancesShareSignInsSitesStatisticsAndRunScheduledWorkOncePerPeriod()
    {
        // Generous connection and command timeouts: ceilings that only catch a hang on a busy machine, not budgets.
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(await postgres.Server.CreateDatabaseAsync()) { Timeout = 120, CommandTimeout = 300 }.ConnectionString;
        var folder = Directory.CreateTempSubdirectory("consentry-two-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "claimcmr"));
        File.Copy(RepoPaths.Example("claimcmr"), Path.Combine(folder, "claimcmr", "cookies.yaml"));
        var env = new Dictionary<string, string> { ["CONSENTRY_POSTGRES"] = connection, ["CONSENTRY_VERIFYEVERY"] = "00:00:02", ["CONSENTRY_DATA"] = folder, ["CONSENTRY_ACCOUNTLINKSECRET"] = "one-account-link-secret-for-every-instance" };
        var add = await CliProcess.RunAsync(["server", "admin", "add", "--email", "ops@example.com", "--postgres", connection, "--password-stdin"], ServerUnderTest.Password);
        Assert.True(add.ExitCode == 0, add.Err);

        await using var a = await ServerProcess.StartAsync(env, "--manifests", folder);
        await using var b = await ServerProcess.StartAsync(env);

        // Signed in on A, the same cookie works on B (Data Protection keys in the database).
        var onA = new AdminSession(a.Client);
        Assert.Equal(HttpStatusCode.Redirect, (await onA.SignInAsync("ops@example.com", ServerUnderTest.Password)).StatusCode);
        var onB = onA.On(b.Client);
        var (status, page) = await onB.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("claimcmr", page, StringComparison.Ordinal);

        // A key made on A works on B; a revision published on A is served by B.
        var keys = await onA.PostFormAsync("/admin/keys?handler=Create", new() { ["name"] = "ops", ["access"] = "write" }, pagePath: "/admin/keys");
        var token = Token().Match(await keys.Content.ReadAsStringAsync(Ct)).Value;
        Assert.StartsWith("csk_", token, StringComparison.Ordinal);
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/sites/acme/manifest") { Content = new StringContent(File.ReadAllText(RepoPaths.Example("clinixai")), Encoding.UTF8, "application/yaml") };
        put.Headers.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.Created, (await a.Client.SendAsync(put, Ct)).StatusCode);
        using (var hang = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            hang.CancelAfter(TimeSpan.FromMinutes(5));
            while ((await b.Client.GetAsync("/sites/acme/config.json", hang.Token)).StatusCode != HttpStatusCode.OK)
            {
                await Task.Delay(100, hang.Token);
            }
        }

        // Receipts posted to either instance; both answer the same statistics.
        for (var i = 0; i < 6; i++)
        {
            var target = i % 2 == 0 ? a.Client : b.Client;
            var body = await ReceiptBodyAsync(target, "acme");
            Assert.Equal(HttpStatusCode.Created, (await OperationsTests.PostReceiptAsync(target, "acme", body, Ct)).StatusCode);
        }

        async Task<string> StatsAsync(HttpClient client)
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sites/acme/stats?by=month");
            get.Headers.Authorization = new("Bearer", token);
            using var response = await client.SendAsync(get, Ct);
            return JsonSerializer.Serialize(await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
        }

        // An account linked on A is followed on B (the same secret, the links in the database).
        var chosen = JsonDocument.Parse(await ReceiptBodyAsync(a.Client, "acme")).RootElement;
        Assert.Equal(HttpStatusCode.Created, (await OperationsTests.PostReceiptAsync(a.Client, "acme", chosen.GetRawText(), Ct)).StatusCode);
        var consentId = chosen.GetProperty("consentId").GetString()!;
        Assert.Equal("linked", await LinkAsync(a.Client, token, [AccountLinksApiTests.CookieValue(consentId, analytics: false, DateTimeOffset.UtcNow.AddSeconds(1))], null));
        Assert.Equal("applied", await LinkAsync(b.Client, token, [], consentId));

        var statsA = await StatsAsync(a.Client);
        Assert.Contains("\"choices\":8", statsA, StringComparison.Ordinal);
        Assert.Equal(statsA, await StatsAsync(b.Client));

        // Scheduled verification: each period is claimed by one instance only, whichever it is.
        using (var hang = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            hang.CancelAfter(TimeSpan.FromMinutes(5));
            while (Runs(a).Concat(Runs(b)).Count() < 4)
            {
                await Task.Delay(200, hang.Token);
            }
        }

        var claims = Runs(a).Concat(Runs(b)).Order().ToList();
        Assert.Equal(claims.Count, claims.Distinct().Count());
        Assert.All(claims.Zip(claims.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 2000, $"two runs {pair.Second - pair.First} ms apart in one 2 s period"));
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Links the account "ops-account" for a browser sending <paramref name="cookies"/>; the outcome (and, when expected, the consent id applied).</summary>
    private static async Task<string> LinkAsync(HttpClient client, string token, string[] cookies, string? expectedConsentId)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sites/acme/account-links")
        {
            Content = JsonContent.Create(new { accountId = "ops-account", consentCookies = cookies, pageUrl = new Uri(client.BaseAddress!, "/page").ToString() }),
        };
        post.Headers.Authorization = new("Bearer", token);
        using var response = await client.SendAsync(post, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        if (expectedConsentId is not null)
        {
            Assert.Equal(expectedConsentId, answer.GetProperty("consent").GetProperty("consentId").GetString());
        }

        return answer.GetProperty("outcome").GetString()!;
    }

    private static IEnumerable<long> Runs(ServerProcess server) =>
        server.Output.Select(l => Claimed().Match(l)).Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<string> ReceiptBodyAsync(HttpClient client, string site)
    {
        var config = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync($"/sites/{site}/config.json", Ct))!;
        return new System.Text.Json.Nodes.JsonObject
        {
            ["receiptId"] = Guid.NewGuid().ToString("N"),
            ["consentId"] = Guid.NewGuid().ToString("N"),
            ["revision"] = config["revision"]!.GetValue<int>(),
            ["policyHash"] = config["policyHash"]!.GetValue<string>(),
            ["categories"] = new System.Text.Json.Nodes.JsonObject(config["categories"]!.AsArray().Select(c => KeyValuePair.Create(c!["id"]!.GetValue<string>(), (System.Text.Json.Nodes.JsonNode?)c["locked"]!.GetValue<bool>()))),
            ["services"] = new System.Text.Json.Nodes.JsonObject(),
            ["method"] = "reject-all",
            ["language"] = "en",
            ["pageUrl"] = new Uri(client.BaseAddress!, "/page").ToString(),
        }.ToJsonString();
    }

    [GeneratedRegex("csk_[0-9a-f]{12}_[A-Za-z0-9~-]+")]
    private static partial Regex Token();

    [GeneratedRegex(@"period claimed at (\d+)")]
    private static partial Regex Claimed();
}
