namespace Consentry.Ledger.Transparency;

/// <summary>
/// Checks the two proofs of RFC 9162 (section 2.1.3.2 and 2.1.4.2) with nothing but hashes: that a leaf is in a
/// tree with a given root (inclusion), and that a tree only grew from an older one (consistency).
/// </summary>
public static class MerkleProof
{
    /// <summary>True when <paramref name="path"/> proves that <paramref name="leafHash"/> is leaf <paramref name="index"/> of the tree of <paramref name="size"/> leaves with root <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long size, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (index < 0 || index >= size || leafHash.Length != MerkleHash.Size)
        {
            return false;
        }

        long fn = index, sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in path)
        {
            if (sn == 0 || p.Length != MerkleHash.Size)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.Node(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = MerkleHash.Node(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>True when <paramref name="path"/> proves that the tree of <paramref name="oldSize"/> leaves with root <paramref name="oldRoot"/> is the start of the tree of <paramref name="newSize"/> leaves with root <paramref name="newRoot"/>.</summary>
    public static bool VerifyConsistency(long oldSize, ReadOnlySpan<byte> oldRoot, long newSize, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (oldSize < 0 || oldSize > newSize || path.Any(p => p.Length != MerkleHash.Size))
        {
            return false;
        }

        if (oldSize == newSize)
        {
            return path.Count == 0 && oldRoot.SequenceEqual(newRoot);
        }

        if (oldSize == 0)
        {
            return path.Count == 0; // the empty tree is the start of every tree
        }

        var nodes = (oldSize & (oldSize - 1)) == 0 ? [oldRoot.ToArray(), .. path] : path.ToList();
        if (nodes.Count == 0)
        {
            return false;
        }

        long fn = oldSize - 1, sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        byte[] fr = nodes[0], sr = nodes[0];
        foreach (var c in nodes.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHash.Node(c, fr);
                sr = MerkleHash.Node(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = MerkleHash.Node(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(oldRoot) && sr.AsSpan().SequenceEqual(newRoot);
    }
}
