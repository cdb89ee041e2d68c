using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Stores;

namespace Consentry.AspNetCore.Tests;

/// <summary>PostgreSQL stops during load and comes back: the server answers 503 meanwhile, recovers without a restart, and loses nothing it acknowledged.</summary>
public sealed class PostgresOutageTests
{
    [Fact]
    public async Task StoppingPostgresUnderLoadGives503ThenRecoversWithoutLosingAcknowledgedReceipts()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var pg = await PostgresServer.StartAsync();
        var connection = await pg.CreateDatabaseAsync();
        await using var site = await TestSite.StartAsync(TestSite.Example("claimcmr"), o =>
        {
            o.LedgerConnectionString = connection;
            o.ReceiptsPerMinutePerClient = 1_000_000;
        });
        var policyHash = JsonDocument.Parse(await site.Client.GetStringAsync("/consentry/config.json", cancel)).RootElement.GetProperty("policyHash").GetString();

        var acknowledged = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = $"{w:x4}{i:x28}";
                var body = $$"""{"receiptId":"{{id}}","consentId":"{{id}}","revision":1,"policyHash":"{{policyHash}}","categories":{"necessary":true,"analytics":true},"services":{"posthog":true},"method":"accept-all","language":"en","pageUrl":"https://claimcmr.com/"}""";
                using var content = new StringContent(body, Encoding.UTF8, "text/plain");
                try
                {
                    using var response = await site.Client.PostAsync("/consentry/receipts", content, stop.Token);
                    statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged.Add(id);
                    }
                    else if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
                        await Task.Delay(20, stop.Token);
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }, cancel)).ToList();

        // Waits for an event (a count of answers); the ceiling only catches a hang, it does not time the server.
        async Task WaitUntil(Func<bool> condition, string what)
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (!condition())
            {
                Assert.True(DateTime.UtcNow < deadline, "hung waiting for " + what);
                await Task.Delay(20, cancel);
            }
        }

        await WaitUntil(() => acknowledged.Count >= 200, "receipts before the outage");
        await pg.StopAsync();
        await WaitUntil(() => statuses.GetValueOrDefault(HttpStatusCode.ServiceUnavailable) >= 20, "503 answers during the outage");
        var before = acknowledged.Count;
        await pg.StartAgainAsync();
        await WaitUntil(() => acknowledged.Count >= before + 200, "receipts after the outage");
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.DoesNotContain(statuses.Keys, s => (int)s >= 500 && s != HttpStatusCode.ServiceUnavailable);
        await using var store = new PostgresReceiptStore(connection);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in store.ReadAsync("claimcmr", cancellationToken: cancel))
        {
            stored.Add(JsonDocument.Parse(e.Receipt).RootElement.GetProperty("consentId").GetString()!);
        }

        Assert.DoesNotContain(acknowledged, id => !stored.Contains(id));
        var verification = Assert.Single(await LedgerVerifier.VerifyAsync(store, "claimcmr", cancel));
        Assert.True(verification.Verified, string.Join("\n", verification.Problems));
    }
}
