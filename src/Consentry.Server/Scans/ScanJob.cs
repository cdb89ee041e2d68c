using System.Globalization;
using Quartz;

namespace Consentry.Server.Scans;

/// <summary>
/// The Quartz job that scans one site. Its fire key is the scheduled fire time (kept across a recovery, so the
/// instance that recovers a dead one's run takes that same run over) or the key a "scan now" was given.
/// </summary>
internal sealed class ScanJob(ScanRunner runner) : IJob
{
    public const string SiteKey = "site";
    public const string FireKeyKey = "key";
    public const string OriginKey = "origin";
    public const string ResumeKey = "resume";

    /// <summary>This process's name among the instances: host and process id.</summary>
    public static string Instance { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>The name prefix of a "scan now" trigger; its fire key is its name, which a recovery knows too.</summary>
    public const string ManualPrefix = "manual-";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var map = context.MergedJobDataMap;
        var site = map.GetString(SiteKey) ?? throw new JobExecutionException("The scan job has no site.");
        var (key, origin) = FireKey(context, site);
        await runner.RunAsync(site, key, origin, Instance, takeOver: context.Recovering || map.ContainsKey(ResumeKey), cancellationToken);
    }

    /// <summary>
    /// What this firing scans for: a resumed run's key; a "scan now" trigger's name; or the site and the scheduled
    /// fire time (a recovery is scheduled at the original firing's time, so it names the same run).
    /// </summary>
    private static (string Key, string Origin) FireKey(IJobExecutionContext context, string site)
    {
        var map = context.MergedJobDataMap;
        if (map.ContainsKey(FireKeyKey))
        {
            return (map.GetString(FireKeyKey)!, map.GetString(OriginKey) ?? "schedule");
        }

        var trigger = context.Recovering && context.RecoveringTriggerKey is { } original ? original.Name : context.Trigger.Key.Name;
        if (trigger.StartsWith(ManualPrefix, StringComparison.Ordinal))
        {
            return (trigger, "manual");
        }

        var scheduled = context.Recovering && map.ContainsKey(SchedulerConstants.FailedJobOriginalTriggerScheduledFireTime)
            ? Original(map[SchedulerConstants.FailedJobOriginalTriggerScheduledFireTime])
            : context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        return ($"schedule:{site}:{scheduled.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}", "schedule");
    }

    /// <summary>
    /// The scheduled time of the firing a recovered job takes over, as Quartz keeps it in the job's data (a date and
    /// time written in the invariant culture, "12/01/2026 05:21:32 +00:00"): the same key as the original firing's,
    /// so the recovered run takes that firing's row over instead of making a second one.
    /// </summary>
    internal static DateTimeOffset Original(object? value) => value switch
    {
        DateTimeOffset time => time,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        string text when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms),
        _ => DateTimeOffset.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
    };
}
