using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Stores;
using Microsoft.Data.Sqlite;

namespace Consentry.Cli.Tests;

/// <summary>A real <c>consentry serve</c> process, killed with SIGKILL under load, must not lose a receipt it acknowledged.</summary>
public sealed class CrashTests
{
    [Fact]
    public async Task KillingTheServerUnderLoadLosesNoAcknowledgedReceipt()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "sites", "claimcmr"));
        File.Copy(CliRun.Example("claimcmr"), Path.Combine(dir.Path, "sites", "claimcmr", "cookies.yaml"));
        var ledger = dir.File("ledger.db");
        var cancel = TestContext.Current.CancellationToken;

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "consentry.dll"), "serve", "--sites", Path.Combine(dir.Path, "sites"), "--urls", "http://127.0.0.1:0", "--ledger", ledger, "--rate-limit", "1000000" })
        {
            info.ArgumentList.Add(a);
        }

        using var server = Process.Start(info)!;
        // The server binds port 0 itself (no other test can take the port in between) and prints the address it got.
        var address = ListeningAddressAsync(server, cancel);
        _ = server.StandardError.ReadToEndAsync(cancel);
        using var client = new HttpClient { BaseAddress = await address, Timeout = TimeSpan.FromSeconds(10) };
        var policyHash = await WaitForConfigAsync(client, cancel);

        var acknowledged = new ConcurrentBag<string>();
        var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested && i < 100_000; i++)
            {
                var id = $"{w:x4}{i:x28}";
                var body = $$"""{"receiptId":"{{id}}","consentId":"{{id}}","revision":1,"policyHash":"{{policyHash}}","categories":{"necessary":true,"analytics":{{(i % 2 == 0 ? "true" : "false")}}},"services":{"posthog":false},"method":"custom","language":"en","pageUrl":"https://claimcmr.com/"}""";
                try
                {
                    using var content = new StringContent(body, Encoding.UTF8, "text/plain");
                    using var response = await client.PostAsync("/sites/claimcmr/receipts", content, stop.Token);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged.Add(id);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException)
                {
                    if (server.HasExited)
                    {
                        return;
                    }
                }
            }
        }, cancel)).ToList();

        // Wait for the event (500 acknowledged receipts); the ceiling only catches a server that stopped answering.
        var hang = DateTime.UtcNow.AddMinutes(5);
        while (acknowledged.Count < 500 && DateTime.UtcNow < hang)
        {
            await Task.Delay(20, cancel);
        }

        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync(cancel);
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        Assert.True(acknowledged.Count >= 500, $"only {acknowledged.Count} receipts were acknowledged before the kill");

        SqliteConnection.ClearAllPools();
        await using var store = new SqliteReceiptStore(ledger);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in store.ReadAsync("claimcmr", cancellationToken: cancel))
        {
            stored.Add(JsonDocument.Parse(e.Receipt).RootElement.GetProperty("consentId").GetString()!);
        }

        var lost = acknowledged.Where(id => !stored.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged receipts are missing, e.g. {lost.FirstOrDefault()}");
        // The tree and the checkpoints signed before the kill (with the key serve made beside the ledger) verify too.
        var signer = Consentry.Ledger.Transparency.LogKeys.LoadSigner(await File.ReadAllTextAsync(dir.File("ledger.key"), cancel));
        string LogKey(string site) => Consentry.Ledger.Transparency.LogKeys.VerifierKey(Consentry.Ledger.Transparency.LogKeys.Origin(signer, site), signer.PublicKey.Span);
        var verification = Assert.Single(await LedgerVerifier.VerifyAsync(store, "claimcmr", LogKey, cancel));
        Assert.True(verification.Verified, string.Join("; ", verification.Problems));

        // And the log goes on where it stopped: the next receipt is the next leaf, and a checkpoint over it verifies.
        var tree = (await store.TreeAsync("claimcmr", cancel))!;
        Assert.Equal(verification.LastSequence, tree.Size);
        var next = await store.AppendAsync([Consentry.Ledger.Receipts.SerializedReceipt.From(new Consentry.Ledger.Receipts.ConsentReceipt
        {
            Site = "claimcmr", ConsentId = new string('f', 32), Revision = 1, PolicyHash = policyHash, Categories = new Dictionary<string, bool> { ["necessary"] = true },
            Services = new Dictionary<string, bool>(), Method = "reject-all", Language = "en", PageUrl = "https://claimcmr.com/", UserAgentFamily = "Chrome", ServerTime = DateTimeOffset.UtcNow,
        })], cancel);
        Assert.Equal(tree.Size, next.Single().LeafIndex);
        Assert.Equal(1, await store.SignCheckpointsAsync(signer, cancel));
        Assert.True(Assert.Single(await LedgerVerifier.VerifyAsync(store, "claimcmr", LogKey, cancel)).Verified);
    }

    /// <summary>The origin in the first line <c>consentry serve</c> prints with its sites' tags; the rest of its output is drained.</summary>
    private static async Task<Uri> ListeningAddressAsync(Process server, CancellationToken cancel)
    {
        while (await server.StandardOutput.ReadLineAsync(cancel) is { } line)
        {
            if (System.Text.RegularExpressions.Regex.Match(line, @"http://127\.0\.0\.1:\d+") is { Success: true } m)
            {
                _ = server.StandardOutput.ReadToEndAsync(cancel);
                return new Uri(m.Value);
            }
        }

        throw new InvalidOperationException("consentry serve exited without printing its address.");
    }

    private static async Task<string> WaitForConfigAsync(HttpClient client, CancellationToken cancel)
    {
        var hang = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < hang)
        {
            try
            {
                var json = await client.GetStringAsync("/sites/claimcmr/config.json", cancel);
                return JsonDocument.Parse(json).RootElement.GetProperty("policyHash").GetString()!;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, cancel);
            }
        }

        throw new TimeoutException("consentry serve did not answer within 3 minutes: it hung or failed to start");
    }
}
