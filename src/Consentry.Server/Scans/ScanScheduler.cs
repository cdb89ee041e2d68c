using Consentry.Server.Audit;
using Consentry.Server.Data;
using Quartz;

namespace Consentry.Server.Scans;

/// <summary>
/// Sites' scan schedules, checked, stored and handed to Quartz: one durable, recoverable job per site with a cron
/// trigger while the schedule is on, and "scan now" as a one-off firing of that job.
/// </summary>
internal sealed class ScanScheduler(ISchedulerFactory factory, ScanScheduleRepository schedules, ScanHistory history, Sites.SiteRepository sites, ServerDatabase db, AuditTrail audit, TimeProvider clock)
{
    public const int MaxPagesLimit = 200;

    public static JobKey Job(string siteId) => new("scan-" + siteId, "scans");

    public static TriggerKey Trigger(string siteId) => new("scan-" + siteId, "scans");

    /// <summary>Checks and stores a site's schedule and applies it; the problem in words when refused.</summary>
    public async Task<string?> SaveAsync(string siteId, string? cron, string? url, int maxPages, bool enabled, string actor, CancellationToken cancellationToken)
    {
        if (await sites.LatestAsync(siteId, cancellationToken) is null)
        {
            return $"There is no site '{siteId}'.";
        }

        var (quartz, problem) = CronText.Parse(cron);
        problem ??= Uri.TryCreate(url, UriKind.Absolute, out var start) && start.Scheme is "http" or "https" ? null : "The start page must be an absolute http:// or https:// address.";
        problem ??= maxPages is >= 1 and <= MaxPagesLimit ? null : $"Pages per visit must be between 1 and {MaxPagesLimit}.";
        if (problem is not null)
        {
            return problem;
        }

        var schedule = new ScanSchedule(siteId, cron!.Trim(), url!.Trim(), maxPages, enabled, clock.GetUtcNow(), actor);
        await schedules.SaveAsync(schedule, cancellationToken);
        await ApplyAsync(schedule, quartz!, cancellationToken);
        await audit.RecordAsync(actor, "scans.schedule", siteId, $"{(enabled ? "on" : "off")}: '{schedule.Cron}' {schedule.Url}", cancellationToken);
        return null;
    }

    /// <summary>Scans the site as soon as an instance is free; false when it has no schedule (and so no start page).</summary>
    public async Task<bool> RunNowAsync(string siteId, string actor, CancellationToken cancellationToken)
    {
        if (await schedules.GetAsync(siteId, cancellationToken) is not { } schedule)
        {
            return false;
        }

        var scheduler = await factory.GetScheduler(cancellationToken);
        await scheduler.AddJob(JobFor(schedule.SiteId), new AddJobOptions { Replace = true }, cancellationToken);
        // A trigger of its own, named for the run, so an instance that recovers it after another died scans the same run.
        var once = TriggerBuilder.Create().WithIdentity(ScanJob.ManualPrefix + Guid.NewGuid().ToString("N"), "scans").ForJob(Job(siteId)).StartNow().Build();
        await scheduler.ScheduleJob(once, new ScheduleJobOptions(), cancellationToken);
        await audit.RecordAsync(actor, "scans.run", siteId, "scan now", cancellationToken);
        return true;
    }

    /// <summary>At start: every stored schedule into Quartz (a trigger already there unchanged is left as it is), and, on a single instance, runs a stop left unfinished run again.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        foreach (var schedule in await schedules.ListAsync(cancellationToken))
        {
            if (CronText.Parse(schedule.Cron).Quartz is { } quartz)
            {
                await ApplyAsync(schedule, quartz, cancellationToken);
            }
        }

        // Quartz's in-memory store forgets a firing when the process stops; the one instance resumes what it left.
        // On PostgreSQL the clustered store recovers a dead instance's firings itself.
        if (!db.IsPostgres)
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            foreach (var left in await history.RunningAsync(cancellationToken))
            {
                if (await schedules.GetAsync(left.SiteId, cancellationToken) is { } s)
                {
                    await scheduler.AddJob(JobFor(s.SiteId), new AddJobOptions { Replace = true }, cancellationToken);
                    await scheduler.TriggerJob(Job(left.SiteId), new JobDataMap { [ScanJob.FireKeyKey] = left.FireKey, [ScanJob.OriginKey] = left.Origin, [ScanJob.ResumeKey] = "true" }, cancellationToken);
                }
            }
        }
    }

    private async Task ApplyAsync(ScanSchedule schedule, string quartzCron, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var existing = await scheduler.GetTrigger(Trigger(schedule.SiteId), cancellationToken) as ICronTrigger;
        if (!schedule.Enabled)
        {
            if (existing is not null)
            {
                await scheduler.UnscheduleJob(Trigger(schedule.SiteId), cancellationToken);
            }

            return;
        }

        if (existing?.CronExpressionString == quartzCron)
        {
            return;
        }

        var trigger = TriggerBuilder.Create().WithIdentity(Trigger(schedule.SiteId)).ForJob(Job(schedule.SiteId))
            .WithCronSchedule(quartzCron, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)).Build();
        await scheduler.ScheduleJob(JobFor(schedule.SiteId), new List<ITrigger> { trigger }, new ScheduleJobOptions { Replace = true }, cancellationToken);
    }

    private static IJobDetail JobFor(string siteId) =>
        JobBuilder.Create<ScanJob>().WithIdentity(Job(siteId)).UsingJobData(ScanJob.SiteKey, siteId).StoreDurably().RequestRecovery().Build();
}
