using Consentry.Server.Data;
using Consentry.Server.Sites;
using Microsoft.Extensions.Hosting;

namespace Consentry.Server.Operations;

/// <summary>At start (after the ledger's own migration): brings the server's tables up to date and serves every stored site.</summary>
internal sealed class ServerStartup(ServerDatabase db, SiteCatalog catalog) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await db.MigrateAsync(cancellationToken);
        await catalog.RefreshAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
