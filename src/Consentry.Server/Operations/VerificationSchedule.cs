using Consentry.Server.Audit;
using Consentry.Server.Records;
using Consentry.Server.Sites;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consentry.Server.Operations;

/// <summary>Verifies every site's chain and the audit trail's every <see cref="ServerOptions.VerifyEvery"/>, first shortly after start.</summary>
internal sealed partial class VerificationSchedule(VerificationService verification, SiteRepository sites, IOptions<ServerOptions> options, ILogger<VerificationSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.VerifyEvery;
        if (every <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(every);
        do
        {
            try
            {
                foreach (var site in (await sites.LatestNumbersAsync(stoppingToken)).Keys.Append(AuditTrail.SiteId))
                {
                    await verification.RunAsync(site, stoppingToken);
                }
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
        [LoggerMessage(EventId = 7302, Level = LogLevel.Warning, Message = "Scheduled ledger verification could not run: {Message}")]
        public static partial void Failed(ILogger logger, string message);
    }
}
