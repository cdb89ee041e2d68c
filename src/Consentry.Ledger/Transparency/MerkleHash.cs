using System.Security.Cryptography;

namespace Consentry.Ledger.Transparency;

/// <summary>
/// The hashing of a Merkle tree as RFC 9162 (Certificate Transparency 2.0, section 2.1.1) defines it, with
/// SHA-256: a leaf is hashed with a 0x00 prefix, an interior node with 0x01, so a leaf can never pass for a node.
/// </summary>
public static class MerkleHash
{
    /// <summary>Bytes in a hash.</summary>
    public const int Size = 32;

    /// <summary>The root of the empty tree: SHA-256 of nothing.</summary>
    public static byte[] Empty() => SHA256.HashData([]);

    /// <summary>SHA-256(0x00 || data).</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> data)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData([0x00]);
        h.AppendData(data);
        return h.GetHashAndReset();
    }

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * Size)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Size)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2): where RFC 9162 splits a tree of n leaves.</summary>
    internal static long Split(long n) => 1L << (63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(n - 1)));
}
