using NSec.Cryptography;

namespace Consentry.Ledger.Transparency;

/// <summary>An <see cref="ICheckpointSigner"/> over an Ed25519 key held in memory (from a key file or secret).</summary>
internal sealed class Ed25519Signer(string name, Key key, byte[] publicKey) : ICheckpointSigner
{
    public string Name { get; } = name;

    public ReadOnlyMemory<byte> PublicKey { get; } = publicKey;

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SignatureAlgorithm.Ed25519.Sign(key, message.Span));
}
