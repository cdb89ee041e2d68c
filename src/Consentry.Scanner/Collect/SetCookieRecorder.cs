using System.Text.Json;
using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>
/// Listens to one tab over the Chrome DevTools Protocol for what Playwright does not show: every raw
/// Set-Cookie line (redirects and same-process frames included) and the cookies Chromium refused, with
/// its reasons. Events of a request arrive in order, so the n-th response of a request id belongs to the
/// n-th address that id was sent to (a redirect keeps its id).
/// </summary>
internal sealed class SetCookieRecorder
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<string>> _addresses = new(StringComparer.Ordinal);
    private readonly List<(string RequestId, JsonElement Info)> _responses = [];

    private SetCookieRecorder()
    {
    }

    /// <summary>Starts listening on the tab's DevTools session, or returns null when it refuses (the scan goes on without raw headers).</summary>
    public static async Task<SetCookieRecorder?> AttachAsync(ICDPSession session)
    {
        try
        {
            var recorder = new SetCookieRecorder();
            session.Event("Network.requestWillBeSent").OnEvent += (_, e) => recorder.OnRequest(e);
            session.Event("Network.responseReceivedExtraInfo").OnEvent += (_, e) => recorder.OnResponse(e);
            await session.SendAsync("Network.enable");
            return recorder;
        }
        catch (PlaywrightException)
        {
            return null;
        }
    }

    /// <summary>The Set-Cookie lines seen since the last call.</summary>
    public List<ObservedSetCookie> Drain()
    {
        lock (_gate)
        {
            var result = new List<ObservedSetCookie>();
            var used = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (id, info) in _responses)
            {
                var n = used.GetValueOrDefault(id);
                used[id] = n + 1;
                var url = _addresses.TryGetValue(id, out var list) && list.Count > 0 ? list[Math.Min(n, list.Count - 1)] : "";
                result.AddRange(Read(url, info));
            }

            _responses.Clear();
            foreach (var (id, n) in used)
            {
                if (_addresses.TryGetValue(id, out var list))
                {
                    list.RemoveRange(0, Math.Min(n, list.Count));
                }
            }

            return result;
        }
    }

    private void OnRequest(JsonElement? e)
    {
        if (e is { } v && v.TryGetProperty("requestId", out var id) && v.TryGetProperty("request", out var request) && request.TryGetProperty("url", out var url))
        {
            lock (_gate)
            {
                var key = id.GetString() ?? "";
                if (!_addresses.TryGetValue(key, out var list))
                {
                    _addresses[key] = list = [];
                }

                list.Add(WithoutQuery(url.GetString() ?? ""));
            }
        }
    }

    private void OnResponse(JsonElement? e)
    {
        if (e is { } v && v.TryGetProperty("requestId", out var id))
        {
            lock (_gate)
            {
                _responses.Add((id.GetString() ?? "", v.Clone()));
            }
        }
    }

    private static IEnumerable<ObservedSetCookie> Read(string url, JsonElement info)
    {
        var blocked = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (info.TryGetProperty("blockedCookies", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var b in list.EnumerateArray())
            {
                var line = b.TryGetProperty("cookieLine", out var l) ? l.GetString() ?? "" : "";
                var reasons = b.TryGetProperty("blockedReasons", out var r) && r.ValueKind == JsonValueKind.Array ? r.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
                blocked[line] = reasons;
            }
        }

        var date = DateTimeOffset.UtcNow;
        var lines = new List<string>();
        if (info.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
        {
            foreach (var h in headers.EnumerateObject())
            {
                if (h.Name.Equals("set-cookie", StringComparison.OrdinalIgnoreCase))
                {
                    lines.AddRange((h.Value.GetString() ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                }
                else if (h.Name.Equals("date", StringComparison.OrdinalIgnoreCase) && DateTimeOffset.TryParse(h.Value.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var d))
                {
                    date = d;
                }
            }
        }

        // A refused line is sometimes missing from the headers Chromium reports: keep it anyway.
        lines.AddRange(blocked.Keys.Where(b => b.Length > 0 && !lines.Contains(b)));
        return lines.Select(line => new ObservedSetCookie(url, SetCookieLine.Name(line), line, SetCookieLine.RequestedLifetime(line, date),
            blocked.TryGetValue(line, out var reasons) ? reasons : []));
    }

    private static string WithoutQuery(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.GetLeftPart(UriPartial.Path) : url;
}
