using Consentry.Server.Sites;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consentry.Server.Operations;

/// <summary>
/// Every few seconds: serves revisions another instance published, and imports the watched folder of manifests
/// (<see cref="ServerOptions.Manifests"/>: one sub-folder per site with its cookies.yaml) when a file changed.
/// A manifest with errors is logged once per content, with its located errors, and not served.
/// </summary>
internal sealed partial class SiteSync(SiteCatalog catalog, IOptions<ServerOptions> options, ILogger<SiteSync> logger) : BackgroundService
{
    /// <summary>How often the database and the folder are looked at.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);

    /// <summary>Imports the watched folder once (also called at start, so its sites are served before the first request).</summary>
    public async Task ImportFolderAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Manifests is not { Length: > 0 } folder)
        {
            return;
        }

        if (!Directory.Exists(folder))
        {
            Log.FolderMissing(logger, folder);
            return;
        }

        foreach (var dir in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(dir, "cookies.yaml");
            if (!File.Exists(file))
            {
                continue;
            }

            var id = Path.GetFileName(dir);
            var yaml = await File.ReadAllTextAsync(file, cancellationToken);
            if (_seen.TryGetValue(id, out var last) && last == yaml)
            {
                continue;
            }

            _seen[id] = yaml;
            var result = await catalog.PublishAsync(id, Path.Combine(Path.GetFileName(folder.TrimEnd('/')), id, "cookies.yaml"), yaml, "folder", cancellationToken);
            if (result.Outcome is PublishOutcome.Invalid or PublishOutcome.BadSiteId)
            {
                Log.NotImported(logger, file, string.Join(Environment.NewLine, result.Errors));
            }
            else if (result.Outcome != PublishOutcome.Unchanged)
            {
                Log.Imported(logger, id, result.Revision!.Number);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await catalog.RefreshAsync(stoppingToken);
                await ImportFolderAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.SyncFailed(logger, e.Message);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7310, Level = LogLevel.Information, Message = "Site {Site}: revision {Number} imported from the watched folder")]
        public static partial void Imported(ILogger logger, string site, int number);

        [LoggerMessage(EventId = 7311, Level = LogLevel.Warning, Message = "{File} was not imported:\n{Errors}")]
        public static partial void NotImported(ILogger logger, string file, string errors);

        [LoggerMessage(EventId = 7312, Level = LogLevel.Warning, Message = "The watched folder of manifests {Folder} does not exist")]
        public static partial void FolderMissing(ILogger logger, string folder);

        [LoggerMessage(EventId = 7313, Level = LogLevel.Warning, Message = "Site sync failed: {Message}")]
        public static partial void SyncFailed(ILogger logger, string message);
    }
}
