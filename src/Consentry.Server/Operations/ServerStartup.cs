using Consentry.Server.Data;
using Consentry.Server.Sites;
using Microsoft.Extensions.Hosting;

namespace Consentry.Server.Operations;

/// <summary>At start (after the ledger's own migration): brings the server's tables up to date serves every stored site, and imports the watched folder, so every site is served before the first request.</summary>
internal sealed class ServerStartup(ServerDatabase db, SiteCatalog catalog, SiteSync sync) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await db.MigrateAsync(cancellationToken);
        await catalog.RefreshAsync(cancellationToken);
        await sync.ImportFolderAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
