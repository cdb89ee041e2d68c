namespace Consentry.Server;

/// <summary>How the server runs scheduled scans (with Quartz.NET: clustered on PostgreSQL, in memory on SQLite).</summary>
public sealed class ScanScheduleOptions
{
    /// <summary>Scans one instance runs at once (each is a Chromium). Default: 2.</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary>Finished scans kept per site; older ones (and their reports) are deleted. Default: 50.</summary>
    public int Keep { get; set; } = 50;

    /// <summary>
    /// How often each instance tells the others, through PostgreSQL, that it is alive; an instance silent for about
    /// twice as long is taken for dead and the scans it was running are run again by another. Default: 10 s.
    /// </summary>
    public TimeSpan ClusterCheckin { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The Chromium executable scans use. Default: the system's.</summary>
    public string? BrowserPath { get; set; }

    /// <summary>Extra Chromium flags for every scan, such as <c>--host-resolver-rules=MAP *.test 127.0.0.1</c>.</summary>
    public IList<string> BrowserArgs { get; } = [];

    /// <summary>The longest one scan's crawling may take. Default: 5 minutes.</summary>
    public TimeSpan MaxTime { get; set; } = TimeSpan.FromMinutes(5);
}
