using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>
/// The long tail of consent banners, operated by DuckDuckGo's autoconsent (MPL-2.0, embedded unmodified
/// from npm at build time) with its ~800 rules: its content script is injected into every frame, asks for
/// its configuration over a binding, and reports what it detected and did. Used when none of the
/// scanner's own banner buttons is found.
/// </summary>
internal static class Autoconsent
{
    private static readonly Lazy<string> Content = new(() => Resource("autoconsent/content.js"));

    /// <summary>The rule bundle as autoconsent expects it: <c>{ "autoconsent": [ …rules ] }</c>.</summary>
    private static readonly Lazy<string> Rules = new(() =>
    {
        using var doc = JsonDocument.Parse(Resource("autoconsent/rules.json"));
        return "{\"autoconsent\":" + doc.RootElement.GetProperty("autoconsent").GetRawText() + "}";
    });

    /// <summary>
    /// Tries to make the choice; returns whether a banner was operated and what autoconsent said. The waits
    /// count from the moment autoconsent reports it has started in the page (parsing its ~800 rules can take
    /// seconds on a busy machine), at most <paramref name="start"/> after injection: then a banner must appear
    /// within <paramref name="detect"/> (autoconsent saying it detected nothing ends the wait at once), and
    /// the choice be done within <paramref name="finish"/>.
    /// </summary>
    public static async Task<(bool Operated, string Note)> OperateAsync(IPage page, VisitKind kind, TimeSpan start, TimeSpan detect, TimeSpan finish, CancellationToken cancellationToken)
    {
        var action = kind == VisitKind.RejectAll ? "optOut" : "optIn";
        var initResp = $$"""
            autoconsentReceiveMessage({ type: "initResp", config: { enabled: true, autoAction: "{{action}}", disabledCmps: [], enablePrehide: false, enableCosmeticRules: false, detectRetries: 5 }, rules: {{Rules.Value}} })
            """;
        var messages = new ConcurrentQueue<AutoconsentMessage>();
        IAsyncDisposable? binding = null;
        try
        {
            var (exposed, _, exposedBinding) = await PageCalls.TryAsync(page.ExposeBindingAsync("autoconsentSendMessage", (BindingSource source, JsonElement message) =>
            {
                var received = AutoconsentMessage.Of(message);
                if (messages.Count < 10_000)
                {
                    messages.Enqueue(received);
                }

                var frame = source.Frame;
                _ = received.Type switch
                {
                    "init" => PageCalls.TryAsync(frame.EvaluateAsync(initResp), cancellationToken),
                    "eval" => PageCalls.TryAsync(EvalAsync(frame, message.Clone()), cancellationToken),
                    _ => Task.CompletedTask,
                };
            }), cancellationToken);
            if (!exposed)
            {
                return (false, "autoconsent could not run: the page did not answer");
            }

            binding = exposedBinding;
            foreach (var frame in page.Frames)
            {
                // A frame that never gets a document (a file: or chrome: iframe) would never answer: bounded.
                await PageCalls.TryAsync(frame.EvaluateAsync(Content.Value), cancellationToken, TimeSpan.FromSeconds(5));
            }

            var injected = DateTimeOffset.UtcNow;
            DateTimeOffset? started = null;
            DateTimeOffset? popup = null;
            while (true)
            {
                var now = DateTimeOffset.UtcNow;
                var seen = messages.ToArray();
                if (seen.FirstOrDefault(m => m.Type is "optOutResult" or "optInResult") is { Type.Length: > 0 } && seen.Any(m => m.Type == "autoconsentDone") || seen.Any(m => m.Type is "optOutResult" or "optInResult" && m.Result == false))
                {
                    var cmp = seen.Where(m => m.Cmp is not null).Select(m => m.Cmp).FirstOrDefault() ?? "unknown";
                    var ok = seen.Any(m => m.Type is "optOutResult" or "optInResult" && m.Result == true);
                    return ok
                        ? (true, $"{cmp} banner (autoconsent): {(kind == VisitKind.RejectAll ? "opted out" : "opted in")}")
                        : (false, $"{cmp} banner found by autoconsent, but its {(kind == VisitKind.RejectAll ? "opt-out" : "opt-in")} failed");
                }

                started ??= seen.Any(m => m.MainFrame && m.Lifecycle is not (null or "loading" or "waitingForInitResponse" or "initialized")) ? now : null;
                popup ??= seen.Any(m => m.Type == "popupFound") ? now : null;
                var gaveUp = popup is { } p
                    ? now > p + finish
                    : started is { } s
                        ? now > s + detect || seen.Any(m => m.MainFrame && m.Lifecycle == "nothingDetected")
                        : now > injected + start;
                if (gaveUp || cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                await Task.Delay(100, CancellationToken.None);
            }

            var detected = messages.Where(m => m.Type == "cmpDetected").Select(m => m.Cmp).FirstOrDefault();
            return (false, detected is not null ? $"autoconsent detected {detected}, but no banner to operate appeared"
                : started is null ? $"autoconsent did not start within {start.TotalSeconds:0} s" : "");
        }
        catch (PlaywrightException e)
        {
            return (false, $"autoconsent could not run: {e.Message.Split('\n')[0]}");
        }
        finally
        {
            if (binding is not null)
            {
                await PageCalls.TryAsync(binding.DisposeAsync().AsTask(), CancellationToken.None);
            }
        }
    }

    /// <summary>Some rules ask the host to evaluate a snippet in the frame and send the result back.</summary>
    private static async Task EvalAsync(IFrame frame, JsonElement message)
    {
        var id = message.GetProperty("id").GetString();
        var code = message.GetProperty("code").GetString() ?? "false";
        var result = await frame.EvaluateAsync<JsonElement?>(code);
        await frame.EvaluateAsync($"autoconsentReceiveMessage({{ id: {JsonSerializer.Serialize(id)}, type: \"evalResp\", result: {(result is { } r ? r.GetRawText() : "false")} }})");
    }

    private static string Resource(string name)
    {
        using var stream = typeof(Autoconsent).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"The scanner was built without {name} (npm install of @duckduckgo/autoconsent failed?).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
