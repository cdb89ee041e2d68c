namespace Consentry.Cli.Tests;

public sealed class LedgerStatsCommandTests
{
    [Fact]
    public async Task StatsPrintsOneLineAPeriodWithMethodsAndGrantRates()
    {
        using var dir = new TempDir();
        var db = await LedgerCommandTests.LedgerAsync(dir);
        var run = CliRun.Of("ledger", "stats", "--db", db, "--site", "claimcmr", "--from", "2026-11-01", "--to", "2026-12-01", "--by", "week");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("period", lines[0], StringComparison.Ordinal);
        Assert.Contains("analytics granted", lines[0], StringComparison.Ordinal);
        // 1 to 10 November 2026: the week of Monday 26 October holds the 1st, that of the 2nd holds 2–8, that of the 9th holds 9–10.
        Assert.Equal(["2026-10-26", "2026-11-02", "2026-11-09"], lines[1..].Select(l => l.Split(' ')[0]));
        Assert.Matches(@"^2026-11-02\s+7\s+6\s", lines[2]);
        Assert.EndsWith("100.0%", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatsAsJsonGroupsByBrowser()
    {
        using var dir = new TempDir();
        var db = await LedgerCommandTests.LedgerAsync(dir);
        var run = CliRun.Of("ledger", "stats", "--db", db, "--site", "claimcmr", "--from", "2026-11-01", "--to", "2026-12-01", "--by", "month", "--group", "browser", "-f", "json");
        Assert.Equal(0, run.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(run.Out);
        var row = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("2026-11-01", row.GetProperty("period").GetString());
        Assert.Equal("Firefox", row.GetProperty("group").GetString());
        Assert.Equal(10, row.GetProperty("choices").GetInt64());
        Assert.Equal(10, row.GetProperty("granted").GetProperty("analytics").GetInt64());
    }

    [Fact]
    public void StatsRefusesAnEmptyRangeAndANonDate()
    {
        Assert.Equal(2, CliRun.Of("ledger", "stats", "--site", "x", "--from", "2026-11-02", "--to", "2026-11-01").ExitCode);
        var bad = CliRun.Of("ledger", "stats", "--site", "x", "--from", "yesterday");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--from 'yesterday' is not a date (YYYY-MM-DD)", bad.Err, StringComparison.Ordinal);
    }
}
