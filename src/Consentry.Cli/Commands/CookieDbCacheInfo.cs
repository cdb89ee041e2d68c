namespace Consentry.Cli.Commands;

/// <summary>What <c>consentry cookiedb update</c> records beside the cached CSV.</summary>
internal sealed record CookieDbCacheInfo(string Source, DateTimeOffset FetchedAt, int Entries, int Skipped, string Sha256);
