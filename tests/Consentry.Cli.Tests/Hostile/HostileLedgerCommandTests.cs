namespace Consentry.Cli.Tests.Hostile;

/// <summary>
/// <c>consentry ledger</c> on databases and exports that were broken or tampered with: a clear one-line error
/// or a named problem, a non-zero exit, never a stack trace, and reading never repairs what it reads.
/// </summary>
public sealed class HostileLedgerCommandTests
{
    private static void AssertClearFailure(CliRun run, string expected)
    {
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Out + run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Out + run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("export")]
    [InlineData("show")]
    public void AFileThatIsNotADatabaseIsOneClearError(string command)
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        File.WriteAllText(db, new string('x', 8192));
        AssertClearFailure(CliRun.Of(Args(command, db)), "the ledger cannot be read");
    }

    [Theory]
    [InlineData("DROP TABLE heads;", "verify")]
    [InlineData("DROP TABLE receipts;", "verify")]
    [InlineData("DROP TABLE receipts;", "export")]
    [InlineData("DROP TABLE receipts;", "show")]
    [InlineData("DROP TABLE checkpoints;", "verify")]
    public async Task AMissingTableIsOneClearErrorAndIsNotRecreated(string drop, string command)
    {
        using var dir = new TempDir();
        var db = await LedgerCommandTests.LedgerAsync(dir);
        await LedgerCommandTests.SqlAsync(db, drop);
        AssertClearFailure(CliRun.Of(Args(command, db)), "no such table");
        // Reading did not migrate: the table is still gone, and the next read says so again.
        AssertClearFailure(CliRun.Of(Args(command, db)), "no such table");
    }

    [Fact]
    public async Task ANonJsonReceiptIsNamedByVerifyAndStopsExportWithItsSequence()
    {
        using var dir = new TempDir();
        var db = await LedgerCommandTests.LedgerAsync(dir);
        await LedgerCommandTests.SqlAsync(db, "UPDATE receipts SET receipt = 'not json' WHERE seq = 4;");
        AssertClearFailure(CliRun.Of("ledger", "verify", "--db", db), "claimcmr #4: edited");
        AssertClearFailure(CliRun.Of("ledger", "export", "--site", "claimcmr", "--format", "csv", "--db", db), "claimcmr #4: the stored receipt cannot be read");
    }

    [Theory]
    [InlineData("\"sequence\":1", "\"sequence\":\"1\"", "line 2: 'sequence' must be a whole number")]
    [InlineData("\"hash\":\"", "\"hash\":7,\"x\":\"", "'hash' must be a string")]
    [InlineData("\"receipt\":{", "\"receipt\":\"x\",\"r\":{", "a 'receipt' object")]
    public async Task AnExportWithWrongTypedFieldsIsOneClearError(string from, string to, string expected)
    {
        using var dir = new TempDir();
        var export = await ExportAsync(dir);
        var lines = File.ReadAllLines(export);
        lines[1] = ReplaceFirst(lines[1], from, to);
        File.WriteAllLines(export, lines);
        AssertClearFailure(CliRun.Of("ledger", "verify", "--file", export), expected);
    }

    [Theory]
    [InlineData("{\"type\":\"consentry-ledger-export/1\",\"site\":5}", "'site' must be a string")]
    [InlineData("{\"type\":\"consentry-ledger-export/1\",\"site\":\"a\",\"startAfter\":\"x\"}", "'startAfter' must be a whole number")]
    [InlineData("[]", "not a consentry-ledger-export/1 header")]
    [InlineData("not json", "line 1: not JSON")]
    public async Task AnExportWithABadHeaderIsOneClearError(string header, string expected)
    {
        using var dir = new TempDir();
        var export = await ExportAsync(dir);
        var lines = File.ReadAllLines(export);
        lines[0] = header;
        File.WriteAllLines(export, lines);
        AssertClearFailure(CliRun.Of("ledger", "verify", "--file", export), expected);
    }

    [Fact]
    public async Task ATruncatedExportDoesNotVerify()
    {
        using var dir = new TempDir();
        var export = await ExportAsync(dir);
        File.WriteAllLines(export, File.ReadAllLines(export)[..^2]);
        AssertClearFailure(CliRun.Of("ledger", "verify", "--file", export), "entries were cut off its end");
    }

    [Fact]
    public async Task VerifyingASiteTheLedgerDoesNotHaveIsAnErrorNotZeroReceipts()
    {
        using var dir = new TempDir();
        var db = await LedgerCommandTests.LedgerAsync(dir);
        var run = CliRun.Of("ledger", "verify", "--site", "claimcrm", "--db", db);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the ledger has no site 'claimcrm'. Sites: claimcmr.", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("chain verified", run.Out, StringComparison.Ordinal);
    }

    private static async Task<string> ExportAsync(TempDir dir)
    {
        var db = await LedgerCommandTests.LedgerAsync(dir);
        var export = dir.File("export.jsonl");
        Assert.Equal(0, CliRun.Of("ledger", "export", "--site", "claimcmr", "-o", export, "--db", db).ExitCode);
        Assert.Equal(0, CliRun.Of("ledger", "verify", "--file", export).ExitCode);
        return export;
    }

    private static string[] Args(string command, string db) => command switch
    {
        "export" => ["ledger", "export", "--site", "claimcmr", "--db", db],
        "show" => ["ledger", "show", new string('0', 31) + "1", "--db", db],
        _ => ["ledger", command, "--db", db],
    };

    private static string ReplaceFirst(string text, string from, string to)
    {
        var i = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(i >= 0, $"'{from}' not in {text}");
        return text[..i] + to + text[(i + from.Length)..];
    }
}
