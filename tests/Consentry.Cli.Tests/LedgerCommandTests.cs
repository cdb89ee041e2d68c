using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stores;
using Microsoft.Data.Sqlite;

namespace Consentry.Cli.Tests;

public sealed class LedgerCommandTests
{
    private static ConsentReceipt Receipt(int i, string method = "accept-all", string page = "https://claimcmr.com/") => new()
    {
        Site = "claimcmr",
        ConsentId = i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture),
        Revision = 1,
        PolicyHash = new string('b', 64),
        Categories = new Dictionary<string, bool> { ["necessary"] = true, ["analytics"] = true },
        Services = new Dictionary<string, bool> { ["posthog"] = true },
        Method = method,
        Language = "en",
        PageUrl = page,
        UserAgentFamily = "Firefox",
        ServerTime = new DateTimeOffset(2026, 11, i, 12, 0, 0, TimeSpan.Zero),
    };

    internal static async Task<string> LedgerAsync(TempDir dir, int count = 10)
    {
        var path = dir.File("ledger.db");
        await using var store = new SqliteReceiptStore(path);
        await store.MigrateAsync(TestContext.Current.CancellationToken);
        await store.AppendAsync([.. Enumerable.Range(1, count).Select(i => SerializedReceipt.From(Receipt(i, method: i == 3 ? "=HYPERLINK(\"http://x\")" : "accept-all")))], TestContext.Current.CancellationToken);
        SqliteConnection.ClearAllPools();
        return path;
    }

    internal static async Task SqlAsync(string db, string sql)
    {
        await using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        await c.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task VerifyPassesOnAnIntactLedgerAndNamesADeletedReceipt()
    {
        using var dir = new TempDir();
        var db = await LedgerAsync(dir);
        var ok = CliRun.Of("ledger", "verify", "--db", db);
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("claimcmr: 10 entries (#1 to #10): chain verified", ok.Out, StringComparison.Ordinal);

        await SqlAsync(db, "DELETE FROM receipts WHERE seq = 4;");
        var broken = CliRun.Of("ledger", "verify", "--db", db);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("claimcmr #4: deleted: entry #4 is missing", broken.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowPrintsAVisitorsReceipts()
    {
        using var dir = new TempDir();
        var db = await LedgerAsync(dir);
        var run = CliRun.Of("ledger", "show", Receipt(7).ConsentId, "--db", db);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"sequence\":7", run.Out, StringComparison.Ordinal);
        Assert.Contains("\"userAgentFamily\":\"Firefox\"", run.Out, StringComparison.Ordinal);
        Assert.Equal(1, CliRun.Of("ledger", "show", new string('f', 32), "--db", db).ExitCode);
    }

    [Fact]
    public async Task AJsonLinesExportVerifiesOnItsOwnAndATamperedOneDoesNot()
    {
        using var dir = new TempDir();
        var db = await LedgerAsync(dir);
        var export = dir.File("export.jsonl");
        var run = CliRun.Of("ledger", "export", "--site", "claimcmr", "--from", "2026-11-03", "--to", "2026-11-08", "-o", export, "--db", db);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Exported 5 receipts", run.Out, StringComparison.Ordinal);
        var verified = CliRun.Of("ledger", "verify", "--file", export);
        Assert.Equal(0, verified.ExitCode);
        Assert.Contains("5 entries (#3 to #7): chain verified", verified.Out, StringComparison.Ordinal);

        var lines = File.ReadAllLines(export);
        lines[3] = lines[3].Replace("accept-all", "reject-all", StringComparison.Ordinal);
        File.WriteAllLines(export, lines);
        var tampered = CliRun.Of("ledger", "verify", "--file", export);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("#5: edited", tampered.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvExportHasHashesAndDefusesSpreadsheetFormulas()
    {
        using var dir = new TempDir();
        var db = await LedgerAsync(dir, 3);
        var run = CliRun.Of("ledger", "export", "--site", "claimcmr", "--format", "csv", "--db", db);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sequence,server_time,consent_id,method,revision,language,page_url,categories,services,previous_hash,hash,receipt", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("1,2026-11-01T12:00:00.0000000+00:00,", lines[1], StringComparison.Ordinal);
        Assert.Contains("analytics necessary", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(",=", run.Out, StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://x\"\")\",", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PurgeKeepsTheRestVerifiable()
    {
        using var dir = new TempDir();
        var db = await LedgerAsync(dir);
        var purge = CliRun.Of("ledger", "purge", "--site", "claimcmr", "--purge-before", "2026-11-06", "--db", db);
        Assert.Equal(0, purge.ExitCode);
        Assert.Contains("Purged 5 receipts", purge.Out, StringComparison.Ordinal);
        var verify = CliRun.Of("ledger", "verify", "--db", db);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("6 entries (#6 to #11): chain verified", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingLedgerIsAUsageErrorThatSaysWhereItLooked()
    {
        var run = CliRun.Of("ledger", "verify", "--db", "/nonexistent/ledger.db");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no ledger at '/nonexistent/ledger.db'", run.Err, StringComparison.Ordinal);
        Assert.Contains("CONSENTRY_DATA", run.Err, StringComparison.Ordinal);
    }
}
