using Consentry.Server.Audit;
using Consentry.Server.Records;
using Consentry.Server.Sites;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consentry.Server.Operations;

/// <summary>
/// Verifies every site's chain and the audit trail's every <see cref="ServerOptions.VerifyEvery"/>, first at start;
/// with several instances on one database, only the one that claims the period runs it.
/// </summary>
internal sealed partial class VerificationSchedule(VerificationService verification, SiteRepository sites, Data.JobClaims claims, IOptions<ServerOptions> options, ILogger<VerificationSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.VerifyEvery;
        if (every <= TimeSpan.Zero)
        {
            return;
        }

        // Instances look more often than the period, so one of them runs it soon after it is due.
        using var timer = new PeriodicTimer(every / 10 > TimeSpan.FromSeconds(1) ? every / 10 : TimeSpan.FromSeconds(1));
        do
        {
            try
            {
                if (await claims.ClaimAsync("verify-ledger", every, stoppingToken) is not { } claimed)
                {
                    continue;
                }

                var all = (await sites.LatestNumbersAsync(stoppingToken)).Keys.Append(AuditTrail.SiteId).ToList();
                foreach (var site in all)
                {
                    await verification.RunAsync(site, stoppingToken);
                }

                Log.Ran(logger, all.Count, claimed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.Failed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7303, Level = LogLevel.Information, Message = "Scheduled ledger verification of {Count} chains ran (period claimed at {ClaimedAt})")]
        public static partial void Ran(ILogger logger, int count, long claimedAt);

        [LoggerMessage(EventId = 7302, Level = LogLevel.Warning, Message = "Scheduled ledger verification could not run: {Message}")]
        public static partial void Failed(ILogger logger, string message);
    }
}
