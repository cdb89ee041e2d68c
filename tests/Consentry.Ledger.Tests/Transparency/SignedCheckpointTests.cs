using Consentry.Ledger.Transparency;

namespace Consentry.Ledger.Tests.Transparency;

public sealed class SignedCheckpointTests
{
    private static readonly string Root = Convert.ToBase64String(new byte[32]);

    [Fact]
    public async Task ASignedCheckpointOpensWithItsVerifierKey()
    {
        var signer = LogKeys.LoadSigner(LogKeys.Generate("ledger.acme.example"));
        var origin = LogKeys.Origin(signer, "acme");
        var note = await SignedCheckpoints.SignAsync(new LogCheckpoint(origin, 42, Root), signer, TestContext.Current.CancellationToken);

        var opened = SignedCheckpoints.Open(note, LogKeys.VerifierKey(origin, signer.PublicKey.Span));

        Assert.Equal(new LogCheckpoint("ledger.acme.example/acme", 42, Root), opened);
        Assert.StartsWith("ledger.acme.example/acme\n42\n" + Root + "\n\n\u2014 ledger.acme.example/acme ", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAlteredCheckpointOrAnotherKeyIsRefusedWithTheReason()
    {
        var signer = LogKeys.LoadSigner(LogKeys.Generate("ledger.acme.example"));
        var other = LogKeys.LoadSigner(LogKeys.Generate("ledger.acme.example"));
        var origin = LogKeys.Origin(signer, "acme");
        var note = await SignedCheckpoints.SignAsync(new LogCheckpoint(origin, 42, Root), signer, TestContext.Current.CancellationToken);
        var key = LogKeys.VerifierKey(origin, signer.PublicKey.Span);

        Assert.Contains("not valid", Assert.Throws<InvalidDataException>(() => SignedCheckpoints.Open(note.Replace("\n42\n", "\n43\n", StringComparison.Ordinal), key)).Message, StringComparison.Ordinal);
        Assert.Contains("no signature", Assert.Throws<InvalidDataException>(() => SignedCheckpoints.Open(note, LogKeys.VerifierKey(origin, other.PublicKey.Span))).Message, StringComparison.Ordinal);
        Assert.Contains("of the log", Assert.Throws<InvalidDataException>(() => SignedCheckpoints.Open(note, LogKeys.VerifierKey(LogKeys.Origin(signer, "other"), signer.PublicKey.Span))).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => SignedCheckpoints.Open(note.Replace("\n\n", "\n", StringComparison.Ordinal), key));
        Assert.Throws<InvalidDataException>(() => SignedCheckpoints.Open(note.Replace("\n42\n", "\n042\n", StringComparison.Ordinal), key));
    }

    [Fact]
    public void AMalformedOrAlteredSigningKeySaysWhatIsWrong()
    {
        var key = LogKeys.Generate("ledger.acme.example");
        Assert.Contains("keygen", Assert.Throws<FormatException>(() => LogKeys.LoadSigner("ledger.acme.example+1234")).Message, StringComparison.Ordinal);
        Assert.Contains("malformed", Assert.Throws<FormatException>(() => LogKeys.LoadSigner(key[..^4])).Message, StringComparison.Ordinal);
        Assert.Contains("altered", Assert.Throws<FormatException>(() => LogKeys.LoadSigner(key.Replace("ledger.acme.example", "ledger.evil.example", StringComparison.Ordinal))).Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => LogKeys.Generate("has space"));
        Assert.Equal("ledger.acme.example", LogKeys.LoadSigner(key + "\n").Name);
    }
}
