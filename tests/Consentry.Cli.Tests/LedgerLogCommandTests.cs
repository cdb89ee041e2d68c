using System.Text.Json.Nodes;
using Consentry.Ledger.Stores;
using Consentry.Ledger.Transparency;
using Microsoft.Data.Sqlite;

namespace Consentry.Cli.Tests;

public sealed class LedgerLogCommandTests
{
    private const string Visitor = "00000000000000000000000000000004";

    [Fact]
    public void KeygenWritesAKeyOnlyItsOwnerCanReadAndRefusesToReplaceIt()
    {
        using var dir = new TempDir();
        var path = dir.File("ledger.key");
        var made = CliRun.Of("ledger", "keygen", "--name", "ledger.acme.example", "-o", path, "--site", "claimcmr");
        Assert.Equal(0, made.ExitCode);
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(path) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), "the key file is readable by others");
        var signer = LogKeys.LoadSigner(File.ReadAllText(path));
        Assert.Contains("log key of claimcmr: " + LogKeys.VerifierKey("ledger.acme.example/claimcmr", signer.PublicKey.Span), made.Out, StringComparison.Ordinal);

        var again = CliRun.Of("ledger", "keygen", "--name", "ledger.acme.example", "-o", path);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--force", again.Err, StringComparison.Ordinal);
        Assert.Equal(2, CliRun.Of("ledger", "keygen", "--name", "has space", "-o", dir.File("other.key")).ExitCode);
    }

    [Fact]
    public async Task AVisitorsFileVerifiesOfflineWithTheSitesLogKeyAndATamperedOneDoesNot()
    {
        using var dir = new TempDir();
        var (db, key) = await SignedLedgerAsync(dir);
        var shown = CliRun.Of("ledger", "show", Visitor, "--site", "claimcmr", "--db", db);
        Assert.Equal(0, shown.ExitCode);
        var file = dir.File("visitor.jsonl");
        await File.WriteAllTextAsync(file, shown.Out, TestContext.Current.CancellationToken);

        var ok = CliRun.Of("ledger", "verify", "--file", file, "--key", key);
        Assert.True(ok.ExitCode == 0, ok.Out + ok.Err);
        Assert.Contains("1 of 1 receipts proven in the log localhost/claimcmr at size 10, its checkpoint signed by the given key", ok.Out, StringComparison.Ordinal);

        var unchecked_ = CliRun.Of("ledger", "verify", "--file", file);
        Assert.Equal(0, unchecked_.ExitCode);
        Assert.Contains("was not checked", unchecked_.Out, StringComparison.Ordinal);

        var other = LogKeys.LoadSigner(LogKeys.Generate("localhost"));
        var wrongKey = CliRun.Of("ledger", "verify", "--file", file, "--key", LogKeys.VerifierKey("localhost/claimcmr", other.PublicKey.Span));
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Contains("no signature by the key", wrongKey.Out, StringComparison.Ordinal);

        var lines = shown.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var entry = JsonNode.Parse(lines[1])!;
        var proof = entry["proof"]!.AsArray();
        proof[0] = Convert.ToBase64String(new byte[32]);
        await File.WriteAllTextAsync(file, lines[0] + "\n" + entry.ToJsonString() + "\n", TestContext.Current.CancellationToken);
        var bent = CliRun.Of("ledger", "verify", "--file", file, "--key", key);
        Assert.Equal(1, bent.ExitCode);
        Assert.Contains("inclusion proof does not lead to the root the checkpoint signs", bent.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyChecksTheLedgersSignedCheckpointsWithTheGivenKey()
    {
        using var dir = new TempDir();
        var (db, key) = await SignedLedgerAsync(dir);
        Assert.Equal(0, CliRun.Of("ledger", "verify", "--db", db, "--key", key).ExitCode);

        var other = LogKeys.LoadSigner(LogKeys.Generate("localhost"));
        var wrong = CliRun.Of("ledger", "verify", "--db", db, "--key", LogKeys.VerifierKey("localhost/claimcmr", other.PublicKey.Span));
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("the signed checkpoint of size 10 does not verify", wrong.Out, StringComparison.Ordinal);
        Assert.Equal(2, CliRun.Of("ledger", "verify", "--db", db, "--key", "not-a-key").ExitCode);
    }

    /// <summary>A ledger of ten receipts with a checkpoint signed by a key from 'ledger keygen'; returns the file and the site's log key.</summary>
    private static async Task<(string Db, string Key)> SignedLedgerAsync(TempDir dir)
    {
        var db = await LedgerCommandTests.LedgerAsync(dir);
        var keyFile = dir.File("ledger.key");
        Assert.Equal(0, CliRun.Of("ledger", "keygen", "--name", "localhost", "-o", keyFile).ExitCode);
        var signer = LogKeys.LoadSigner(await File.ReadAllTextAsync(keyFile, TestContext.Current.CancellationToken));
        await using (var store = new SqliteReceiptStore(db))
        {
            Assert.Equal(1, await store.SignCheckpointsAsync(signer, TestContext.Current.CancellationToken));
        }

        SqliteConnection.ClearAllPools();
        return (db, LogKeys.VerifierKey("localhost/claimcmr", signer.PublicKey.Span));
    }
}
