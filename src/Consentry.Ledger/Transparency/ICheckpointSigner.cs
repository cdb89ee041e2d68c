namespace Consentry.Ledger.Transparency;

/// <summary>
/// Signs the ledger's checkpoints with an Ed25519 key kept outside the database. <see cref="LogKeys.LoadSigner"/>
/// reads one from a key file or an environment secret; a key management service can implement this instead.
/// </summary>
public interface ICheckpointSigner
{
    /// <summary>
    /// The name the key was made for (<c>consentry ledger keygen --name</c>, e.g. <c>ledger.acme.example</c>); each
    /// site's log is named <c>&lt;Name&gt;/&lt;site&gt;</c> (its origin, and the name in its signatures).
    /// </summary>
    string Name { get; }

    /// <summary>The raw 32-byte Ed25519 public key.</summary>
    ReadOnlyMemory<byte> PublicKey { get; }

    /// <summary>The 64-byte Ed25519 signature of <paramref name="message"/>.</summary>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default);
}
