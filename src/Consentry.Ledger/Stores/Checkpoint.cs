namespace Consentry.Ledger.Stores;

/// <summary>A trusted point in a site's chain: entry <paramref name="Sequence"/> had hash <paramref name="Hash"/>.</summary>
/// <param name="Site">The site.</param>
/// <param name="Sequence">The sequence number.</param>
/// <param name="Hash">That entry's hash.</param>
public sealed record Checkpoint(string Site, long Sequence, string Hash);
