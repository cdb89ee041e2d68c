using Microsoft.Extensions.Hosting;

namespace Consentry.Server.Scans;

/// <summary>At start, after the database is migrated: hands the stored schedules to Quartz (and resumes a run left unfinished on one instance).</summary>
internal sealed class ScanScheduleSync(ScanScheduler scheduler) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => scheduler.SyncAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
