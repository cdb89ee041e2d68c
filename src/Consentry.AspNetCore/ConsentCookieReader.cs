using System.Text.Json;

namespace Consentry.AspNetCore;

/// <summary>
/// Reads the consent cookie the banner writes: URL-encoded JSON
/// <c>{"v":1,"id":…,"r":revision,"c":[categories],"s":[services],"t":ms,"u":ms,"m":method,"l":lang}</c>.
/// A missing, malformed or stale (older revision) cookie grants only the locked categories.
/// </summary>
internal static class ConsentCookieReader
{
    public static ConsentState Read(string? value, int revision, IReadOnlyList<string> locked)
    {
        var categories = new HashSet<string>(locked, StringComparer.Ordinal);
        var none = new ConsentState { Categories = categories };
        if (string.IsNullOrEmpty(value) || value.Length > 4096)
        {
            return none;
        }

        try
        {
            using var doc = JsonDocument.Parse(Uri.UnescapeDataString(value));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number || v.GetInt32() != 1
                || !root.TryGetProperty("r", out var r) || r.ValueKind != JsonValueKind.Number || r.GetInt32() < revision
                || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
            {
                return none;
            }

            categories.UnionWith(Strings(root, "c"));
            return new ConsentState
            {
                ConsentId = id.GetString(),
                Revision = r.GetInt32(),
                Categories = categories,
                Services = new HashSet<string>(Strings(root, "s"), StringComparer.Ordinal),
                Method = root.TryGetProperty("m", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null,
                GivenAt = Time(root, "t"),
                UpdatedAt = Time(root, "u"),
                LeafIndex = root.TryGetProperty("x", out var x) && x.ValueKind == JsonValueKind.Number && x.TryGetInt64(out var leaf) && leaf >= 0 ? leaf : null,
            };
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or UriFormatException)
        {
            return none;
        }
    }

    private static IEnumerable<string> Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)
            : [];

    private static DateTimeOffset? Time(JsonElement root, string name) =>
        root.TryGetProperty(name, out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var ms) && ms > 0 && ms < 253402300799999
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
