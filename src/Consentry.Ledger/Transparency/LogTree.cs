namespace Consentry.Ledger.Transparency;

/// <summary>A site's transparency log as stored: entry <c>Base + i + 1</c> is leaf <c>i</c>.</summary>
/// <param name="Site">The site.</param>
/// <param name="Base">Entries before the tree (0, unless entries were purged before the ledger had a tree).</param>
/// <param name="Size">The number of leaves.</param>
/// <param name="Root">The RFC 9162 root hash, base64.</param>
public sealed record LogTree(string Site, long Base, long Size, string Root)
{
    /// <summary>The leaf index of the entry with sequence number <paramref name="sequence"/>.</summary>
    public long LeafIndex(long sequence) => sequence - Base - 1;

    /// <summary>The root hash's bytes.</summary>
    public byte[] RootHash() => Convert.FromBase64String(Root);
}
