namespace Consentry.Ledger.Chain;

/// <summary>A receipt as stored: its place in its site's chain and the hashes that link it.</summary>
/// <param name="Site">The site id.</param>
/// <param name="Sequence">1-based position in the site's chain.</param>
/// <param name="Receipt">The receipt's canonical JSON.</param>
/// <param name="PreviousHash">The hash of the entry before (64 zeros for the first).</param>
/// <param name="Hash">SHA-256 over sequence, previous hash and receipt.</param>
public sealed record LedgerEntry(string Site, long Sequence, string Receipt, string PreviousHash, string Hash)
{
    /// <summary>
    /// The entry's index in its site's Merkle tree (its transparency log), when known: sequence − 1, less the entries
    /// purged before the tree was built. Set on entries the ledger has just written or looked up for a proof.
    /// </summary>
    public long? LeafIndex { get; init; }

    /// <summary>The receipt this entry holds, read from its stored JSON.</summary>
    public Receipts.ConsentReceipt ReadReceipt() => CanonicalJson.Read(Receipt);

    /// <summary>The entry's record in the site's transparency log: the bytes its chain hash is taken over.</summary>
    public byte[] LeafData() => HashChain.Data(Site, Sequence, PreviousHash, Receipt);
}
