namespace Consentry.Server.Records;

/// <summary>The last verification of a site's chain in the ledger.</summary>
/// <param name="Site">The site (or the audit trail's id).</param>
/// <param name="RunAt">When it ran.</param>
/// <param name="Verified">Whether every entry's hash and link held.</param>
/// <param name="Entries">How many entries were checked.</param>
/// <param name="Problems">Each problem found, as <c>consentry ledger verify</c> names it.</param>
internal sealed record VerificationStatus(string Site, DateTimeOffset RunAt, bool Verified, long Entries, IReadOnlyList<string> Problems);
