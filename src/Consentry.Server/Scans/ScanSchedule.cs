namespace Consentry.Server.Scans;

/// <summary>A site's scheduled scan: when (a cron expression, UTC), what (the start page, at most so many pages a visit), and whether it is on.</summary>
internal sealed record ScanSchedule(string SiteId, string Cron, string Url, int MaxPages, bool Enabled, DateTimeOffset Updated, string UpdatedBy);
