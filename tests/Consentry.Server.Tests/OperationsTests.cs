using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Consentry.Server.Tests;

/// <summary>Operations: Prometheus metrics from the libraries' meters, and a shutdown that loses no acknowledged receipt.</summary>
public sealed class OperationsTests(ServerFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<string> ReceiptAsync(ServerUnderTest server, string site, string? receiptId = null)
    {
        var config = JsonNode.Parse(await server.Client.GetStringAsync($"/sites/{site}/config.json", Ct))!;
        return new JsonObject
        {
            ["receiptId"] = receiptId ?? Guid.NewGuid().ToString("N"),
            ["consentId"] = Guid.NewGuid().ToString("N"),
            ["revision"] = config["revision"]!.GetValue<int>(),
            ["policyHash"] = config["policyHash"]!.GetValue<string>(),
            ["categories"] = new JsonObject { ["necessary"] = true, ["analytics"] = true },
            ["services"] = new JsonObject { ["posthog"] = true },
            ["method"] = "accept-all",
            ["language"] = "en",
            ["pageUrl"] = $"https://{site}.com/",
        }.ToJsonString();
    }

    internal static Task<HttpResponseMessage> PostReceiptAsync(HttpClient client, string site, string body, CancellationToken cancellationToken) =>
        client.PostAsync($"/sites/{site}/receipts", new StringContent(body, Encoding.UTF8, "text/plain"), cancellationToken);

    [Fact]
    public void TheServerReadsAppSettingsWithoutWatchingItsWorkingFolder()
    {
        // A watch on appsettings.json covers the working folder and every folder below: with the database there
        // (scripts/run.sh), each ledger write woke it.
        var configuration = (IConfigurationRoot)fixture.Server.Services.GetRequiredService<IConfiguration>();
        var files = configuration.Providers.OfType<FileConfigurationProvider>().ToList();
        Assert.Contains(files, f => f.Source.Path == "appsettings.json");
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, $"{f.Source.Path} is watched for changes."));
    }

    [Fact]
    public async Task MetricsShowReceiptsAcceptedAndRefusedCommitLatencyAndHttp()
    {
        var server = fixture.Server;
        Assert.Equal(HttpStatusCode.Created, (await PostReceiptAsync(server.Client, "claimcmr", await ReceiptAsync(server, "claimcmr"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostReceiptAsync(server.Client, "claimcmr", "{\"not\":\"a receipt\"}", Ct)).StatusCode);
        string[] wanted = ["consentry_receipts_accepted_total", "consentry_receipts_refused_total", "status=\"400\"", "consentry_ledger_commit_duration_seconds_bucket", "consentry_ledger_writer_queue", "http_server_request_duration_seconds"];
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        hang.CancelAfter(TimeSpan.FromMinutes(2));
        var text = "";
        // The exporter caches a scrape briefly: wait for the figures to appear, with a ceiling that only catches a hang.
        while (!wanted.All(w => text.Contains(w, StringComparison.Ordinal)))
        {
            await Task.Delay(100, hang.Token);
            text = await server.Client.GetStringAsync("/metrics", hang.Token);
        }
    }

    [Fact]
    public async Task StoppingTheServerWhileReceiptsArriveLosesNoAcknowledgedReceipt()
    {
        var server = await ServerUnderTest.StartAsync(o => o.ReceiptsPerMinutePerClient = 10_000);
        var ids = Enumerable.Range(0, 60).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var bodies = new List<string>();
        foreach (var id in ids)
        {
            bodies.Add(await ReceiptAsync(server, "clinixai", id));
        }

        using var client = new HttpClient { BaseAddress = server.Address };
        var posts = bodies.Select(async body =>
        {
            try
            {
                using var response = await PostReceiptAsync(client, "clinixai", body, Ct);
                return response.StatusCode == HttpStatusCode.Created ? JsonNode.Parse(body)!["receiptId"]!.GetValue<string>() : null;
            }
            catch (HttpRequestException)
            {
                return null; // refused or cut off by the shutdown: never acknowledged
            }
        }).ToList();
        await server.DisposeWithoutCleanupAsync();
        var acknowledged = (await Task.WhenAll(posts)).OfType<string>().ToList();

        await using (var store = new Consentry.Ledger.Stores.SqliteReceiptStore(server.Database))
        {
            var stored = await store.ReadAsync("clinixai", cancellationToken: Ct).Select(e => JsonNode.Parse(e.Receipt)!["receiptId"]!.GetValue<string>()).ToListAsync(Ct);
            Assert.All(acknowledged, id => Assert.Contains(id, stored));
        }

        server.DeleteFolder();
    }
}
