using System.Text.Json;

namespace Consentry.Scanner.Collect;

/// <summary>What the scanner reads of one message autoconsent's content script sends.</summary>
/// <param name="Type">The message type (<c>init</c>, <c>report</c>, <c>cmpDetected</c>, <c>popupFound</c>, <c>optOutResult</c>, …).</param>
/// <param name="Cmp">The banner platform it names, if any.</param>
/// <param name="Result">The outcome of an opt-out or opt-in, if any.</param>
/// <param name="MainFrame">Whether a <c>report</c> came from the top frame.</param>
/// <param name="Lifecycle">A <c>report</c>'s lifecycle state (<c>started</c>, <c>nothingDetected</c>, …).</param>
/// <param name="Attempts">A <c>report</c>'s count of detection passes so far (each tries every rule once).</param>
internal sealed record AutoconsentMessage(string Type, string? Cmp, bool? Result, bool MainFrame, string? Lifecycle, int Attempts = 0)
{
    public static AutoconsentMessage Of(JsonElement message)
    {
        var type = message.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
        var cmp = message.TryGetProperty("cmp", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        bool? result = message.TryGetProperty("result", out var r) && r.ValueKind is JsonValueKind.True or JsonValueKind.False ? r.GetBoolean() : null;
        var main = message.TryGetProperty("mainFrame", out var m) && m.ValueKind == JsonValueKind.True;
        var state = type == "report" && message.TryGetProperty("state", out var st) && st.ValueKind == JsonValueKind.Object ? st : (JsonElement?)null;
        var lifecycle = state is { } s1 && s1.TryGetProperty("lifecycle", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
        var attempts = state is { } s2 && s2.TryGetProperty("findCmpAttempts", out var a) && a.ValueKind == JsonValueKind.Number && a.TryGetInt32(out var n) ? n : 0;
        return new AutoconsentMessage(type, cmp, result, main, lifecycle, attempts);
    }
}
