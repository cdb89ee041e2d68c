using System.Text.Json;

namespace Consentry.Server.Scans;

/// <summary>A stored scan's drift from the scan before it, read back from its JSON report for the admin page.</summary>
internal sealed record DriftView(string Baseline, IReadOnlyList<(string Change, string Type, string Name, string Where, string Details)> Items, IReadOnlyList<string> NewFindings, IReadOnlyList<string> ResolvedFindings)
{
    /// <summary>The drift in a <c>consentry-scan/1</c> report, or null when the scan was its site's first.</summary>
    public static DriftView? Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.GetProperty("result").TryGetProperty("drift", out var d) || d.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        static string S(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        static List<string> Findings(JsonElement d, string name) =>
            [.. d.GetProperty(name).EnumerateArray().Select(f => $"{S(f, "severity")} {S(f, "code")} {S(f, "item")}: {S(f, "message")}")];
        var items = d.GetProperty("items").EnumerateArray()
            .Select(i => (S(i, "change"), S(i, "type"), S(i, "name"), S(i, "where"), string.Join("; ", i.GetProperty("details").EnumerateArray().Select(x => x.GetString())))).ToList();
        return new DriftView(S(d, "baseline"), items, Findings(d, "newFindings"), Findings(d, "resolvedFindings"));
    }
}
