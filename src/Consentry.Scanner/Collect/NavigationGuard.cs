using System.Text.Json;
using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>
/// Keeps a tab's top-level document on the site: every main-frame document request (each redirect hop too) is
/// paused over the DevTools protocol and refused before it is sent when it leaves the scan's scope, so an
/// off-site or internal redirect target is never requested and a page that navigates itself away stays put.
/// Frames of other sites load as usual (their cookies are part of what is scanned).
/// </summary>
internal sealed class NavigationGuard
{
    private readonly Lock _gate = new();
    private readonly List<string> _refused = [];
    private readonly Uri _start;
    private ICDPSession? _session;
    private string? _mainFrame;

    private NavigationGuard(Uri start) => _start = start;

    /// <summary>Starts guarding on the tab's DevTools session, or returns null when it refuses (the scan then relies on checking where a page ended up).</summary>
    public static async Task<NavigationGuard?> AttachAsync(ICDPSession session, Uri start, CancellationToken cancellationToken)
    {
        var guard = new NavigationGuard(start) { _session = session };
        var (treeOk, _, tree) = await PageCalls.TryAsync(session.SendAsync("Page.getFrameTree"), cancellationToken);
        guard._mainFrame = treeOk && tree is { } t && t.TryGetProperty("frameTree", out var ft) ? ft.GetProperty("frame").GetProperty("id").GetString() : null;
        session.Event("Fetch.requestPaused").OnEvent += (_, e) => _ = guard.DecideAsync(e);
        var patterns = new[] { new Dictionary<string, string> { ["urlPattern"] = "*", ["resourceType"] = "Document", ["requestStage"] = "Request" } };
        return (await PageCalls.TryAsync(session.SendAsync("Fetch.enable", new Dictionary<string, object> { ["patterns"] = patterns }), cancellationToken)).Answered ? guard : null;
    }

    /// <summary>The off-site addresses refused since the last call.</summary>
    public List<string> Drain()
    {
        lock (_gate)
        {
            var refused = _refused.ToList();
            _refused.Clear();
            return refused;
        }
    }

    private async Task DecideAsync(JsonElement? e)
    {
        if (e is not { } v || _session is null || !v.TryGetProperty("requestId", out var id))
        {
            return;
        }

        var url = v.TryGetProperty("request", out var r) && r.TryGetProperty("url", out var u) ? u.GetString() ?? "" : "";
        var frame = v.TryGetProperty("frameId", out var f) ? f.GetString() : null;
        var leaves = (_mainFrame is null || frame == _mainFrame) && !Scope.InScope(url, _start) && Scope.Http(url) is not null;
        try
        {
            if (leaves)
            {
                lock (_gate)
                {
                    if (_refused.Count < 100)
                    {
                        _refused.Add(url);
                    }
                }

                // Answered here with 204 No Content, which browsers treat as "do not navigate": the request never
                // leaves the browser, and a page that tried to navigate away stays as it was (a failed request would
                // replace it with an error page).
                await _session.SendAsync("Fetch.fulfillRequest", new Dictionary<string, object> { ["requestId"] = id.GetString()!, ["responseCode"] = 204 });
            }
            else
            {
                await _session.SendAsync("Fetch.continueRequest", new Dictionary<string, object> { ["requestId"] = id.GetString()! });
            }
        }
        catch (PlaywrightException)
        {
            // The tab closed or navigated on: nothing is waiting on this request any more.
        }
    }
}
