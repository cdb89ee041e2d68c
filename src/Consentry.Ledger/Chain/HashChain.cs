using System.Security.Cryptography;
using System.Text;

namespace Consentry.Ledger.Chain;

/// <summary>The per-site hash chain: each entry's hash covers its sequence number, the previous hash and the receipt.</summary>
internal static class HashChain
{
    public static readonly string Genesis = new('0', 64);

    public static string Hash(string site, long sequence, string previousHash, string receiptJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Data(site, sequence, previousHash, receiptJson)));

    /// <summary>
    /// The bytes an entry's chain hash is taken over; the same bytes are the entry's leaf in the site's Merkle tree
    /// (hashed there as RFC 9162 hashes a leaf), so one text is both the chain link and the log record.
    /// </summary>
    public static byte[] Data(string site, long sequence, string previousHash, string receiptJson) =>
        Encoding.UTF8.GetBytes($"consentry-ledger/1\n{site}\n{CanonicalJson.Invariant(sequence)}\n{previousHash}\n{receiptJson}");

    /// <summary>The next entry of a chain, with its leaf hash for the site's tree: the entry's text is encoded once for both.</summary>
    public static (LedgerEntry Entry, byte[] LeafHash) Next(string site, long sequence, string previousHash, string receiptJson)
    {
        var data = Data(site, sequence, previousHash, receiptJson);
        return (new(site, sequence, receiptJson, previousHash, Convert.ToHexStringLower(SHA256.HashData(data))), Transparency.MerkleHash.Leaf(data));
    }
}
