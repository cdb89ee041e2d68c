namespace Consentry.Server.Api;

/// <summary>A site's scan schedule: cron (five Unix fields or Quartz's six, UTC), the start page, pages per visit (1–200), and whether it is on.</summary>
internal sealed record ScanScheduleRequest(string? Cron, string? Url, int MaxPages = 20, bool Enabled = true);
