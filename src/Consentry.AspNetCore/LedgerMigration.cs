using Consentry.Ledger.Stores;
using Microsoft.Extensions.Hosting;

namespace Consentry.AspNetCore;

/// <summary>Runs the ledger's schema migrations when the app starts.</summary>
internal sealed class LedgerMigration(IReceiptStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
