namespace Consentry.Scanner.Catalogue;

/// <summary>What the cache records beside the cached Open Cookie Database CSV.</summary>
/// <param name="Source">The address or file it came from.</param>
/// <param name="FetchedAt">When it was fetched.</param>
/// <param name="Entries">How many entries it holds.</param>
/// <param name="Skipped">Rows that could not be used.</param>
/// <param name="Sha256">The CSV's SHA-256 (hex).</param>
public sealed record CookieDatabaseCacheInfo(string Source, DateTimeOffset FetchedAt, int Entries, int Skipped, string Sha256);
