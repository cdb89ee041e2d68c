using System.Globalization;
using System.Text;
using System.Text.Json;
using Consentry.Ledger.Receipts;

namespace Consentry.Ledger.Chain;

/// <summary>
/// The one byte-exact serialisation of a receipt that hashes are computed over: fixed property order,
/// dictionaries sorted by key (ordinal), time as Unix milliseconds. Also the stored and exported form.
/// </summary>
internal static class CanonicalJson
{
    public static string Write(ConsentReceipt r)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("site", r.Site);
            w.WriteString("consentId", r.ConsentId);
            if (r.ReceiptId is not null)
            {
                w.WriteString("receiptId", r.ReceiptId);
            }

            w.WriteNumber("revision", r.Revision);
            w.WriteString("policyHash", r.PolicyHash);
            Map(w, "categories", r.Categories);
            Map(w, "services", r.Services);
            w.WriteString("method", r.Method);
            w.WriteString("language", r.Language);
            w.WriteString("pageUrl", r.PageUrl);
            // Optional, so that receipts written before regions existed keep their exact bytes (and hashes).
            if (r.Region is not null)
            {
                w.WriteString("region", r.Region);
            }

            if (r.Model is not null)
            {
                w.WriteString("model", r.Model);
            }

            w.WriteString("userAgentFamily", r.UserAgentFamily);
            w.WriteNumber("serverTime", r.ServerTime.ToUnixTimeMilliseconds());
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static ConsentReceipt Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var e = doc.RootElement;
        return new ConsentReceipt
        {
            Site = e.GetProperty("site").GetString()!,
            ConsentId = e.GetProperty("consentId").GetString()!,
            ReceiptId = e.TryGetProperty("receiptId", out var id) ? id.GetString() : null,
            Revision = e.GetProperty("revision").GetInt32(),
            PolicyHash = e.GetProperty("policyHash").GetString()!,
            Categories = ReadMap(e.GetProperty("categories")),
            Services = ReadMap(e.GetProperty("services")),
            Method = e.GetProperty("method").GetString()!,
            Language = e.GetProperty("language").GetString()!,
            PageUrl = e.GetProperty("pageUrl").GetString()!,
            Region = e.TryGetProperty("region", out var region) ? region.GetString() : null,
            Model = e.TryGetProperty("model", out var model) ? model.GetString() : null,
            UserAgentFamily = e.GetProperty("userAgentFamily").GetString()!,
            ServerTime = DateTimeOffset.FromUnixTimeMilliseconds(e.GetProperty("serverTime").GetInt64()),
        };
    }

    private static void Map(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, bool> map)
    {
        w.WriteStartObject(name);
        foreach (var (k, v) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteBoolean(k, v);
        }

        w.WriteEndObject();
    }

    private static SortedDictionary<string, bool> ReadMap(JsonElement e)
    {
        var map = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
        {
            map[p.Name] = p.Value.GetBoolean();
        }

        return map;
    }

    internal static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);
}
