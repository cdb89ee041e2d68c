using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>
/// The long tail of consent banners, found and operated by DuckDuckGo's autoconsent (MPL-2.0, embedded unmodified
/// from npm at build time) with its ~800 rules. Its content script is injected into every frame of the page, asks
/// for its configuration over a binding, and reports what it detects; it is configured to detect only, so nothing
/// is clicked until the scanner asks (<see cref="OperateAsync"/>), and the scanner's own known buttons, awaited at
/// the same time, are never raced.
/// </summary>
internal sealed class Autoconsent : IAsyncDisposable
{
    private static readonly Lazy<string> Content = new(() => Resource("autoconsent/content.js"));

    /// <summary>The rule bundle as autoconsent expects it: <c>{ "autoconsent": [ …rules ] }</c>.</summary>
    private static readonly Lazy<string> Rules = new(() =>
    {
        using var doc = JsonDocument.Parse(Resource("autoconsent/rules.json"));
        return "{\"autoconsent\":" + doc.RootElement.GetProperty("autoconsent").GetRawText() + "}";
    });

    /// <summary>The answer to a frame's <c>init</c>: detect only, with the rules (built once; ~700 KB).</summary>
    private static readonly Lazy<string> InitResp = new(() => $$"""
        autoconsentReceiveMessage({ type: "initResp", config: { enabled: true, autoAction: null, disabledCmps: [], enablePrehide: false, enableCosmeticRules: false, detectRetries: 20 }, rules: {{Rules.Value}} })
        """);

    /// <summary>
    /// After its second detection pass, autoconsent looks again only when the page changes; a page that stays
    /// still this long after that pass (no report, no DOM change, cookie or storage write) has no banner it knows.
    /// </summary>
    private static readonly TimeSpan StillAfterSecondPass = TimeSpan.FromSeconds(1);

    /// <summary>Why detection ended when autoconsent knew no banner on a page that stayed still.</summary>
    private const string StillPage = "its rules matched nothing in two looks, and the page stayed still after";

    private readonly ConcurrentQueue<(AutoconsentMessage Message, IFrame Frame, DateTimeOffset At)> _messages = new();
    private readonly IPage _page;
    private IAsyncDisposable? _binding;

    private Autoconsent(IPage page) => _page = page;

    /// <summary>Why autoconsent could not run in the page, or null when it was injected.</summary>
    public string? Problem { get; private set; }

    /// <summary>Injects autoconsent into every frame of the page, detecting only.</summary>
    public static async Task<Autoconsent> StartAsync(IPage page, CancellationToken cancellationToken)
    {
        var session = new Autoconsent(page);
        await session.InjectAsync(cancellationToken);
        return session;
    }

    private async Task InjectAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (exposed, _, binding) = await PageCalls.TryAsync(_page.ExposeBindingAsync("autoconsentSendMessage", (BindingSource source, JsonElement message) =>
            {
                var received = AutoconsentMessage.Of(message);
                if (_messages.Count < 10_000)
                {
                    _messages.Enqueue((received, source.Frame, DateTimeOffset.UtcNow));
                }

                _ = received.Type switch
                {
                    "init" => PageCalls.TryAsync(source.Frame.EvaluateAsync(InitResp.Value), cancellationToken),
                    "eval" => PageCalls.TryAsync(EvalAsync(source.Frame, message.Clone()), cancellationToken),
                    _ => Task.CompletedTask,
                };
            }), cancellationToken);
            if (!exposed)
            {
                Problem = "autoconsent could not run: the page did not answer";
                return;
            }

            _binding = binding;
            foreach (var frame in _page.Frames)
            {
                // A frame that never gets a document (a file: or chrome: iframe) would never answer: bounded.
                await PageCalls.TryAsync(frame.EvaluateAsync(Content.Value), cancellationToken, TimeSpan.FromSeconds(5));
            }
        }
        catch (PlaywrightException e)
        {
            Problem = $"autoconsent could not run: {e.Message.Split('\n')[0]}";
        }
    }

    /// <summary>
    /// Waits until autoconsent finds an open banner (the platform's name), or is sure there is none it knows (null,
    /// with why, when there is more to say): its second detection pass found nothing and the page stayed still after,
    /// or it did not start within <paramref name="start"/> (parsing its rules can take seconds on a busy machine), or
    /// it found no open banner within <paramref name="detect"/> of starting.
    /// </summary>
    public async Task<(string? Cmp, string Why)> DetectAsync(TimeSpan start, TimeSpan detect, CancellationToken cancellationToken)
    {
        if (Problem is { } problem)
        {
            return (null, problem);
        }

        var injected = DateTimeOffset.UtcNow;
        DateTimeOffset? started = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = DateTimeOffset.UtcNow;
            var seen = _messages.ToArray();
            if (seen.FirstOrDefault(m => m.Message.Type == "popupFound") is { Message: { } found })
            {
                return (found.Cmp ?? "unknown", "");
            }

            started ??= seen.Any(m => m.Message.MainFrame && m.Message.Lifecycle is not (null or "loading" or "waitingForInitResponse" or "initialized")) ? now : null;
            var detected = seen.Select(m => m.Message).FirstOrDefault(m => m.Type == "cmpDetected")?.Cmp;
            if (started is null && now > injected + start)
            {
                return (null, $"autoconsent did not start within {start.TotalSeconds:0} s");
            }

            if (started is { } s && now > s + detect)
            {
                return (null, detected is not null ? $"autoconsent detected {detected}, but no banner to operate appeared" : $"autoconsent found none within {detect.TotalSeconds:0} s of starting");
            }

            if (detected is null && await NothingFoundAsync(seen, now, cancellationToken))
            {
                return (null, StillPage);
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return (null, "");
    }

    /// <summary>True when the main frame's second pass (or its last) found nothing and the page has been still since.</summary>
    private async Task<bool> NothingFoundAsync((AutoconsentMessage Message, IFrame Frame, DateTimeOffset At)[] seen, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var main = seen.Where(m => m.Message.MainFrame && m.Message.Type == "report").ToList();
        if (main.Count == 0 || !(main[^1].Message.Lifecycle == "nothingDetected" || main.Max(m => m.Message.Attempts) >= 2))
        {
            return false;
        }

        if (now - seen[^1].At < StillAfterSecondPass)
        {
            return false;
        }

        var quiet = StillAfterSecondPass.TotalMilliseconds;
        var (_, _, still) = await PageCalls.TryAsync(_page.EvaluateAsync<bool>(PageScripts.Settled, new { quiet, max = 1 }), cancellationToken);
        return still;
    }

    /// <summary>Asks the autoconsent instance that found the open banner to opt out (Reject all) or in (Accept all), and waits up to <paramref name="finish"/> for the outcome.</summary>
    public async Task<(bool Operated, string Note)> OperateAsync(VisitKind kind, TimeSpan finish, CancellationToken cancellationToken)
    {
        var optOut = kind == VisitKind.RejectAll;
        if (_messages.FirstOrDefault(m => m.Message.Type == "popupFound") is not { Frame: { } frame, Message: { } popup })
        {
            return (false, "autoconsent found no open banner to operate");
        }

        var cmp = popup.Cmp ?? "unknown";
        await PageCalls.TryAsync(frame.EvaluateAsync($"autoconsentReceiveMessage({{ type: \"{(optOut ? "optOut" : "optIn")}\" }})"), cancellationToken, finish);
        var asked = DateTimeOffset.UtcNow;
        while (DateTimeOffset.UtcNow < asked + finish && !cancellationToken.IsCancellationRequested)
        {
            var seen = _messages.Select(m => m.Message).ToArray();
            var result = seen.FirstOrDefault(m => m.Type is "optOutResult" or "optInResult");
            if (result is { Result: false } || (result is not null && seen.Any(m => m.Type == "autoconsentDone")))
            {
                return result.Result == true
                    ? (true, $"{cmp} banner (autoconsent): {(optOut ? "opted out" : "opted in")}")
                    : (false, $"{cmp} banner found by autoconsent, but its {(optOut ? "opt-out" : "opt-in")} failed");
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return (false, $"{cmp} banner found by autoconsent, but its {(optOut ? "opt-out" : "opt-in")} did not finish within {finish.TotalSeconds:0} s");
    }

    /// <summary>Some rules ask the host to evaluate a snippet in the frame and send the result back.</summary>
    private static async Task EvalAsync(IFrame frame, JsonElement message)
    {
        var id = message.GetProperty("id").GetString();
        var code = message.GetProperty("code").GetString() ?? "false";
        var result = await frame.EvaluateAsync<JsonElement?>(code);
        await frame.EvaluateAsync($"autoconsentReceiveMessage({{ id: {JsonSerializer.Serialize(id)}, type: \"evalResp\", result: {(result is { } r ? r.GetRawText() : "false")} }})");
    }

    /// <summary>Removes the binding, so nothing of autoconsent answers in the page any more.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_binding is not null)
        {
            await PageCalls.TryAsync(_binding.DisposeAsync().AsTask(), CancellationToken.None);
        }
    }

    private static string Resource(string name)
    {
        using var stream = typeof(Autoconsent).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"The scanner was built without {name} (npm install of @duckduckgo/autoconsent failed?).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
