using Consentry.Ledger.Stores;
using Consentry.Server.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Consentry.Server.Operations;

/// <summary><c>/readyz</c>: the database answers and its schema is the one this build writes.</summary>
internal sealed class DatabaseReadyCheck(ServerDatabase db, IReceiptStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var version = await db.VersionAsync(cancellationToken);
            if (version < Data.ServerSchema.Current)
            {
                return HealthCheckResult.Unhealthy($"The server's schema is at version {version}, this build needs {Data.ServerSchema.Current}; migrations have not run yet.");
            }

            await store.HeadAsync(Audit.AuditTrail.SiteId, cancellationToken);
            return HealthCheckResult.Healthy("The database answers and its schema is current.");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or LedgerUnavailableException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached: " + e.Message);
        }
    }
}
