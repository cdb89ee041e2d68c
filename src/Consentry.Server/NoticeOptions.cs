namespace Consentry.Server;

/// <summary>How notices of a material change are sent to account holders.</summary>
public sealed class NoticeOptions
{
    /// <summary>Messages per second at most, over all runs of one instance. Default: 10; zero means no limit.</summary>
    public double PerSecond { get; set; } = 10;

    /// <summary>Attempts for one recipient whose SMTP server answers with a temporary (4xx) error before it counts as failed. Default: 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before another attempt for a recipient whose SMTP server answered with a temporary (4xx) error. Default: 5 minutes.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long an instance holds the recipients it claimed; with several instances, a claim of one that died is taken
    /// over after it (one instance gives its claims back at its start). Default: 2 minutes.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Recipients one instance claims at a time. Default: 100.</summary>
    public int Batch { get; set; } = 100;
}
