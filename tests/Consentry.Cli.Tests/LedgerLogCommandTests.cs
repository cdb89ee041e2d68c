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

        // Malformed proofs are one located line, never a stack trace.
        foreach (var (proofJson, expected) in new[] { ("[1,2]", "'proof' must be a list of base64 hashes"), ("[\"%%%\"]", "'proof' must be a list of base64 hashes") })
        {
            var malformed = JsonNode.Parse(lines[1])!;
            malformed["proof"] = JsonNode.Parse(proofJson);
            await File.WriteAllTextAsync(file, lines[0] + "\n" + malformed.ToJsonString() + "\n", TestContext.Current.CancellationToken);
            var run = CliRun.Of("ledger", "verify", "--file", file, "--key", key);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("line 2: " + expected, run.Err, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
        }

        var noIndex = JsonNode.Parse(lines[1])!.AsObject();
        noIndex.Remove("leafIndex");
        await File.WriteAllTextAsync(file, lines[0] + "\n" + noIndex.ToJsonString() + "\n", TestContext.Current.CancellationToken);
        Assert.Contains("a proof needs the receipt's 'leafIndex'", CliRun.Of("ledger", "verify", "--file", file).Err, StringComparison.Ordinal);
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

    [Fact]
    public async Task PublishedCheckpointsCatchALogRewrittenOrCutBackEvenWithTheKey()
    {
        using var dir = new TempDir();
        var (db, key) = await SignedLedgerAsync(dir);
        var folder = dir.File("published");
        var published = CliRun.Of("ledger", "publish", "--to", folder, "--git", "--db", db);
        Assert.True(published.ExitCode == 0, published.Out + published.Err);
        Assert.True(File.Exists(Path.Combine(folder, "claimcmr", "00000000000000000010.checkpoint")));
        Assert.True(Directory.Exists(Path.Combine(folder, ".git")));
        Assert.Equal(0, CliRun.Of("ledger", "verify", "--db", db, "--published", folder, "--key", key).ExitCode);

        // Whoever holds the database and the signing key writes another history of the same length, and signs it.
        var signer = LogKeys.LoadSigner(await File.ReadAllTextAsync(dir.File("ledger.key"), TestContext.Current.CancellationToken));
        await LedgerCommandTests.SqlAsync(db, "DELETE FROM receipts; DELETE FROM heads; DELETE FROM trees; DELETE FROM tree_hashes; DELETE FROM checkpoints; DELETE FROM signed_checkpoints; DELETE FROM consent_counts; DELETE FROM stats_folded;");
        await using (var store = new SqliteReceiptStore(db))
        {
            await store.AppendAsync([.. Enumerable.Range(11, 12).Select(i => Ledger.Receipts.SerializedReceipt.From(new Ledger.Receipts.ConsentReceipt
            {
                Site = "claimcmr", ConsentId = i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture), Revision = 1, PolicyHash = new string('b', 64),
                Categories = new Dictionary<string, bool> { ["necessary"] = true }, Services = new Dictionary<string, bool>(), Method = "reject-all",
                Language = "en", PageUrl = "https://claimcmr.com/", UserAgentFamily = "Firefox", ServerTime = DateTimeOffset.UnixEpoch.AddDays(i),
            }))], TestContext.Current.CancellationToken);
            await store.SignCheckpointsAsync(signer, TestContext.Current.CancellationToken);
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(0, CliRun.Of("ledger", "verify", "--db", db, "--key", key).ExitCode);
        var caught = CliRun.Of("ledger", "verify", "--db", db, "--published", folder, "--key", key);
        Assert.Equal(1, caught.ExitCode);
        Assert.Contains("the log no longer holds what the checkpoint of size 10 published", caught.Out, StringComparison.Ordinal);
        var refused = CliRun.Of("ledger", "publish", "--to", folder, "--db", db);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("nothing was published", refused.Err, StringComparison.Ordinal);

        await LedgerCommandTests.SqlAsync(db, "DELETE FROM receipts WHERE seq > 5; UPDATE heads SET seq = 5; DELETE FROM tree_hashes WHERE idx > 7; UPDATE trees SET size = 5; DELETE FROM signed_checkpoints;");
        var cut = CliRun.Of("ledger", "verify", "--db", db, "--published", folder);
        Assert.Equal(1, cut.ExitCode);
        Assert.Contains("cut back below a published checkpoint", cut.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AWitnessWithABadLogKeySaysSoBeforeListening()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("ledger", "witness", "--log", "nonsense", "--key", dir.File("w.key"), "--state", dir.File("state.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not a verifier key", run.Err, StringComparison.Ordinal);
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
