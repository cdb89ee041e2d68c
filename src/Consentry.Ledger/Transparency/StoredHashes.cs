namespace Consentry.Ledger.Transparency;

/// <summary>
/// Where each hash of a site's tree is stored, and the proofs built from them. Every complete subtree's hash is
/// kept once, numbered in the order the tree writes them (the layout of Go's <c>sumdb/tlog</c>: level L's n-th
/// hash is written right after level L+1's (2n+1)-th), so leaves and nodes never move and a purge of receipts
/// leaves the tree able to prove everything it ever held. Proofs are computed in two passes: the first names the
/// hashes needed (one read from the store), the second computes.
/// </summary>
internal static class StoredHashes
{
    /// <summary>The storage index of the <paramref name="n"/>-th hash at <paramref name="level"/> (level 0: leaves).</summary>
    public static long Index(int level, long n)
    {
        for (var l = level; l > 0; l--)
        {
            n = (2 * n) + 1;
        }

        long i = 0;
        for (; n > 0; n >>= 1)
        {
            i += n;
        }

        return i + level;
    }

    /// <summary>The level and index (within its level) of each maximal complete subtree of [lo, hi), left to right.</summary>
    public static IEnumerable<(int Level, long N)> Subtrees(long lo, long hi)
    {
        while (lo < hi)
        {
            var level = 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(hi - lo));
            while ((lo & ((1L << level) - 1)) != 0)
            {
                level--;
            }

            yield return (level, lo >> level);
            lo += 1L << level;
        }
    }

    /// <summary>The root of the first <paramref name="size"/> leaves.</summary>
    public static byte[] Root(long size, Func<long, byte[]> read) => size == 0 ? MerkleHash.Empty() : Range(0, size, read);

    /// <summary>The audit path of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves (RFC 9162 PATH), leaf side first.</summary>
    public static List<byte[]> Inclusion(long index, long size, Func<long, byte[]> read)
    {
        var path = new List<byte[]>();
        Path(index, 0, size, read, path);
        return path;
    }

    /// <summary>The consistency proof from the tree of <paramref name="oldSize"/> leaves to that of <paramref name="newSize"/> (RFC 9162 PROOF).</summary>
    public static List<byte[]> Consistency(long oldSize, long newSize, Func<long, byte[]> read)
    {
        var proof = new List<byte[]>();
        if (oldSize > 0 && oldSize < newSize)
        {
            SubProof(oldSize, 0, newSize, true, read, proof);
        }

        return proof;
    }

    /// <summary>Runs <paramref name="compute"/> once to learn which stored hashes it reads, fetches them in one go, and runs it again.</summary>
    public static async Task<T> ComputeAsync<T>(Func<Func<long, byte[]>, T> compute, Func<IReadOnlyCollection<long>, Task<IReadOnlyDictionary<long, byte[]>>> fetch)
    {
        var needed = new HashSet<long>();
        var zero = new byte[MerkleHash.Size];
        compute(i =>
        {
            needed.Add(i);
            return zero;
        });
        var hashes = needed.Count == 0 ? new Dictionary<long, byte[]>() : await fetch(needed);
        return compute(i => hashes.TryGetValue(i, out var h) ? h : throw new InvalidDataException($"The tree's stored hash {i} is missing."));
    }

    private static byte[] Range(long lo, long hi, Func<long, byte[]> read)
    {
        var n = hi - lo;
        if ((n & (n - 1)) == 0 && (lo & (n - 1)) == 0)
        {
            var level = System.Numerics.BitOperations.TrailingZeroCount(n);
            return read(Index(level, lo >> level));
        }

        var k = MerkleHash.Split(n);
        return MerkleHash.Node(Range(lo, lo + k, read), Range(lo + k, hi, read));
    }

    private static void Path(long m, long lo, long hi, Func<long, byte[]> read, List<byte[]> path)
    {
        if (hi - lo <= 1)
        {
            return;
        }

        var k = MerkleHash.Split(hi - lo);
        if (m < lo + k)
        {
            Path(m, lo, lo + k, read, path);
            path.Add(Range(lo + k, hi, read));
        }
        else
        {
            Path(m, lo + k, hi, read, path);
            path.Add(Range(lo, lo + k, read));
        }
    }

    private static void SubProof(long m, long lo, long hi, bool whole, Func<long, byte[]> read, List<byte[]> proof)
    {
        var n = hi - lo;
        if (m == n)
        {
            if (!whole)
            {
                proof.Add(Range(lo, hi, read));
            }

            return;
        }

        var k = MerkleHash.Split(n);
        if (m <= k)
        {
            SubProof(m, lo, lo + k, whole, read, proof);
            proof.Add(Range(lo + k, hi, read));
        }
        else
        {
            SubProof(m - k, lo + k, hi, false, read, proof);
            proof.Add(Range(lo, lo + k, read));
        }
    }
}
