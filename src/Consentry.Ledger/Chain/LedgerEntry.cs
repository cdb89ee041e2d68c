namespace Consentry.Ledger.Chain;

/// <summary>A receipt as stored: its place in its site's chain and the hashes that link it.</summary>
/// <param name="Site">The site id.</param>
/// <param name="Sequence">1-based position in the site's chain.</param>
/// <param name="Receipt">The receipt's canonical JSON.</param>
/// <param name="PreviousHash">The hash of the entry before (64 zeros for the first).</param>
/// <param name="Hash">SHA-256 over sequence, previous hash and receipt.</param>
public sealed record LedgerEntry(string Site, long Sequence, string Receipt, string PreviousHash, string Hash);
