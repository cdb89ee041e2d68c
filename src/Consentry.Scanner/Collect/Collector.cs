using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>
/// Collect: three visits in parallel (<see cref="VisitRun"/>), each in its own context of one Chromium (<see cref="ScanBrowser"/>). The time limit
/// (<see cref="ScanOptions.MaxTime"/>) is a hard wall: at it every visit stops and reports what it saw, and a
/// visit that does not come back within a short grace is abandoned with its last published result. The browser
/// is closed and its temporary profile removed whatever happens, Ctrl+C and SIGTERM included.
/// </summary>
internal static class Collector
{
    /// <summary>How long visits get, past the time limit, to publish and stop by themselves.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    public static async Task<(string BrowserVersion, VisitResult[] Visits)> CollectAsync(ScanOptions options, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        var exe = ChromiumFlags.FindBrowser(options.BrowserPath) ?? throw new ScanException("No Chromium found. Install it (apt-get install chromium) or name it with --browser PATH.");
        if (!File.Exists(exe))
        {
            throw new ScanException($"The browser '{exe}' does not exist.");
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright, exe, options, cancellationToken);
        var runs = new List<VisitRun>();
        try
        {
            foreach (var kind in Enum.GetValues<VisitKind>())
            {
                runs.Add(await VisitRun.OpenAsync(browser, options, kind, cancellationToken));
            }

            using var wall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wall.CancelAfter(options.MaxTime);
            var visits = runs.Select(r => r.RunAsync(progress, wall.Token)).ToArray();
            try
            {
                await Task.WhenAll(visits).WaitAsync(options.MaxTime + Grace, cancellationToken);
            }
            catch (TimeoutException)
            {
                for (var i = 0; i < runs.Count; i++)
                {
                    if (!visits[i].IsCompleted)
                    {
                        runs[i].Abandon($"stopped at the time limit ({options.MaxTime.TotalSeconds:F0} s, --max-time): a page did not let go; the report covers what was seen until then");
                    }
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            return (browser.Version, [.. runs.Select(r => r.Result)]);
        }
        finally
        {
            await Task.WhenAll(runs.Select(r => r.DisposeAsync().AsTask()));
        }
    }

    private static async Task<ScanBrowser> LaunchAsync(IPlaywright playwright, string exe, ScanOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await ScanBrowser.LaunchAsync(playwright, exe, options, cancellationToken);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            throw new ScanException($"Chromium ({exe}) could not be started: {PageLoader.FirstLine(e.Message)}", e);
        }
    }
}
