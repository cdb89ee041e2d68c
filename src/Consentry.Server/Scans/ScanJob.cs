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

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var map = context.MergedJobDataMap;
        var site = map.GetString(SiteKey) ?? throw new JobExecutionException("The scan job has no site.");
        var key = map.ContainsKey(FireKeyKey) ? map.GetString(FireKeyKey)! : $"schedule:{site}:{ScheduledMilliseconds(context)}";
        var origin = map.ContainsKey(OriginKey) ? map.GetString(OriginKey)! : "schedule";
        await runner.RunAsync(site, key, origin, Instance, takeOver: context.Recovering || map.ContainsKey(ResumeKey), cancellationToken);
    }

    private static string ScheduledMilliseconds(IJobExecutionContext context)
    {
        if (context.Recovering && context.MergedJobDataMap.ContainsKey(SchedulerConstants.FailedJobOriginalTriggerScheduledFireTime))
        {
            return Convert.ToString(context.MergedJobDataMap[SchedulerConstants.FailedJobOriginalTriggerScheduledFireTime], CultureInfo.InvariantCulture)!;
        }

        return (context.ScheduledFireTimeUtc ?? context.FireTimeUtc).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
    }
}
