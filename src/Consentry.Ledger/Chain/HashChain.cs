using System.Security.Cryptography;
using System.Text;

namespace Consentry.Ledger.Chain;

/// <summary>The per-site hash chain: each entry's hash covers its sequence number, the previous hash and the receipt.</summary>
internal static class HashChain
{
    public static readonly string Genesis = new('0', 64);

    public static string Hash(string site, long sequence, string previousHash, string receiptJson)
    {
        var text = $"consentry-ledger/1\n{site}\n{CanonicalJson.Invariant(sequence)}\n{previousHash}\n{receiptJson}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public static LedgerEntry Next(string site, long sequence, string previousHash, string receiptJson) =>
        new(site, sequence, receiptJson, previousHash, Hash(site, sequence, previousHash, receiptJson));
}
