using Consentry.Ledger.Transparency;

namespace Consentry.Ledger.Tests.Transparency;

public sealed class WitnessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("consentry-witness-").FullName;
    private readonly ICheckpointSigner _log = LogKeys.LoadSigner(LogKeys.Generate("ledger.test.example"));
    private readonly ICheckpointSigner _witnessKey = LogKeys.LoadSigner(LogKeys.Generate("witness.test.example"));
    private readonly Dictionary<long, byte[]> _stored;

    public WitnessTests() => MerkleTreeTests.Grow(MerkleTreeTests.Leaves(12), out _stored);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Origin => LogKeys.Origin(_log, "claimcmr");

    private string LogKey => LogKeys.VerifierKey(Origin, _log.PublicKey.Span);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task AWitnessCosignsAGrowingLogAndItsCosignatureVerifies()
    {
        using var witness = Witness();
        var five = await NoteAsync(5);
        var first = await witness.AddCheckpointAsync(Request(0, [], five), Token);
        Assert.Equal(200, first.Status);
        var cosigned = Assert.Single(Cosignatures.Verify(five + first.Body, [witness.WitnessKey]));
        Assert.Equal("witness.test.example", cosigned.Key);

        var nine = await NoteAsync(9);
        var stale = await witness.AddCheckpointAsync(Request(0, [], nine), Token);
        Assert.Equal((409, "text/x.tlog.size", "5\n"), (stale.Status, stale.ContentType, stale.Body));
        var grown = await witness.AddCheckpointAsync(Request(5, StoredHashes.Consistency(5, 9, i => _stored[i]), nine), Token);
        Assert.Equal(200, grown.Status);
        Assert.Equal(200, (await witness.AddCheckpointAsync(Request(9, [], nine), Token)).Status);
    }

    [Fact]
    public async Task AWitnessRefusesARollbackAForkAndARewrittenLog()
    {
        using var witness = Witness();
        Assert.Equal(200, (await witness.AddCheckpointAsync(Request(0, [], await NoteAsync(9)), Token)).Status);

        var rollback = await witness.AddCheckpointAsync(Request(7, [], await NoteAsync(7)), Token);
        Assert.Equal((409, "9\n"), (rollback.Status, rollback.Body));
        Assert.Equal(400, (await witness.AddCheckpointAsync(Request(9, [], await NoteAsync(7)), Token)).Status);

        MerkleTreeTests.Grow([.. MerkleTreeTests.Leaves(12).Select((l, i) => i == 3 ? [.. l, 0x21] : l)], out var rewritten);
        var fork = await witness.AddCheckpointAsync(Request(9, [], await NoteAsync(9, rewritten)), Token);
        Assert.Equal(409, fork.Status);
        Assert.Contains("fork", fork.Body, StringComparison.Ordinal);
        var rewrite = await witness.AddCheckpointAsync(Request(9, StoredHashes.Consistency(9, 12, i => rewritten[i]), await NoteAsync(12, rewritten)), Token);
        Assert.Equal(422, rewrite.Status);

        Assert.Equal(200, (await witness.AddCheckpointAsync(Request(9, StoredHashes.Consistency(9, 12, i => _stored[i]), await NoteAsync(12)), Token)).Status);
    }

    [Fact]
    public async Task AWitnessRefusesUnknownLogsForgedSignaturesAndMalformedRequests()
    {
        using var witness = Witness();
        var stranger = LogKeys.LoadSigner(LogKeys.Generate("ledger.test.example"));
        var forged = await SignedCheckpoints.SignAsync(new LogCheckpoint(Origin, 5, Root(5)), stranger, Token);
        Assert.Equal(403, (await witness.AddCheckpointAsync(Request(0, [], forged), Token)).Status);
        var other = await SignedCheckpoints.SignAsync(new LogCheckpoint(LogKeys.Origin(_log, "other"), 5, Root(5)), _log, Token);
        Assert.Equal(404, (await witness.AddCheckpointAsync(Request(0, [], other), Token)).Status);

        var note = await NoteAsync(5);
        foreach (var bad in new[] { "", "old 0\n", "old x\n\n" + note, "old 01\n\n" + note, "old 0\nnot-base64\n\n" + note, "old 0\n\nnot a note", "new 0\n\n" + note, "old 0\n" + string.Concat(Enumerable.Repeat(Convert.ToBase64String(new byte[32]) + "\n", 64)) + "\n" + note })
        {
            var answer = await witness.AddCheckpointAsync(bad, Token);
            Assert.True(answer.Status == 400, $"{answer.Status} for {bad[..Math.Min(bad.Length, 30)]}");
        }
    }

    [Fact]
    public async Task AWitnessRemembersWhatItCosignedAcrossARestart()
    {
        using (var witness = Witness())
        {
            Assert.Equal(200, (await witness.AddCheckpointAsync(Request(0, [], await NoteAsync(9)), Token)).Status);
        }

        using var restarted = Witness();
        var answer = await restarted.AddCheckpointAsync(Request(0, [], await NoteAsync(7)), Token);
        Assert.Equal((409, "9\n"), (answer.Status, answer.Body));
    }

    [Fact]
    public async Task ACheckpointAlteredAfterItWasCosignedIsNamed()
    {
        using var witness = Witness();
        var note = await NoteAsync(5);
        var line = (await witness.AddCheckpointAsync(Request(0, [], note), Token)).Body;
        var altered = (await NoteAsync(6)) + line;
        Assert.Contains("does not verify", Assert.Throws<InvalidDataException>(() => Cosignatures.Verify(altered, [witness.WitnessKey])).Message, StringComparison.Ordinal);
        Assert.Empty(Cosignatures.Verify(note, [witness.WitnessKey]));
    }

    private LogWitness Witness() => new(_witnessKey, [LogKey], Path.Combine(_dir, "state.json"));

    private string Root(long size, Dictionary<long, byte[]>? stored = null) => Convert.ToBase64String(StoredHashes.Root(size, i => (stored ?? _stored)[i]));

    private Task<string> NoteAsync(long size, Dictionary<long, byte[]>? stored = null) =>
        SignedCheckpoints.SignAsync(new LogCheckpoint(Origin, size, Root(size, stored)), _log, Token);

    private static string Request(long old, IEnumerable<byte[]> proof, string note) =>
        $"old {old}\n" + string.Concat(proof.Select(p => Convert.ToBase64String(p) + "\n")) + "\n" + note;
}
