namespace Consentry.Ledger.Transparency;

/// <summary>
/// The right edge of a site's tree while it grows: the hashes of its maximal complete subtrees, left to right.
/// Appending a leaf merges equal subtrees into their parent, and every hash made is handed out to be stored at
/// its <see cref="StoredHashes.Index"/>; the root is these subtrees folded from the right.
/// </summary>
internal sealed class TreeFrontier
{
    private readonly List<(int Level, byte[] Hash)> _subtrees;

    private TreeFrontier(long size, List<(int Level, byte[] Hash)> subtrees)
    {
        Size = size;
        _subtrees = subtrees;
    }

    /// <summary>The number of leaves.</summary>
    public long Size { get; private set; }

    /// <summary>The stored indexes a frontier of <paramref name="size"/> leaves is loaded from, left to right.</summary>
    public static IReadOnlyList<long> Indexes(long size) => [.. StoredHashes.Subtrees(0, size).Select(s => StoredHashes.Index(s.Level, s.N))];

    /// <summary>The frontier of a tree of <paramref name="size"/> leaves from its subtrees' hashes (read at <see cref="Indexes"/>).</summary>
    public static TreeFrontier Load(long size, IReadOnlyList<byte[]> hashes)
    {
        var levels = StoredHashes.Subtrees(0, size).Select(s => s.Level).ToList();
        if (levels.Count != hashes.Count)
        {
            throw new InvalidDataException($"A tree of {size} leaves has {levels.Count} subtrees, not {hashes.Count}.");
        }

        return new TreeFrontier(size, [.. levels.Zip(hashes)]);
    }

    /// <summary>Appends a leaf; <paramref name="store"/> receives each new hash with its storage index (the leaf's first).</summary>
    public void Append(byte[] leafHash, Action<long, byte[]> store)
    {
        var n = Size;
        store(StoredHashes.Index(0, n), leafHash);
        _subtrees.Add((0, leafHash));
        while (_subtrees.Count >= 2 && _subtrees[^1].Level == _subtrees[^2].Level)
        {
            var level = _subtrees[^1].Level + 1;
            var parent = MerkleHash.Node(_subtrees[^2].Hash, _subtrees[^1].Hash);
            _subtrees.RemoveRange(_subtrees.Count - 2, 2);
            _subtrees.Add((level, parent));
            store(StoredHashes.Index(level, n >> level), parent);
        }

        Size = n + 1;
    }

    /// <summary>The tree's root (RFC 9162 MTH).</summary>
    public byte[] Root()
    {
        if (_subtrees.Count == 0)
        {
            return MerkleHash.Empty();
        }

        var root = _subtrees[^1].Hash;
        for (var i = _subtrees.Count - 2; i >= 0; i--)
        {
            root = MerkleHash.Node(_subtrees[i].Hash, root);
        }

        return root;
    }
}
