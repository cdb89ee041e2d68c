using System.Text;
using System.Text.Json;

namespace Consentry.Ledger.Chain;

/// <summary>
/// The entry a purge appends to the site's chain: it names the last purged entry and its hash, so the purge
/// checkpoint the rest of the chain starts from is itself recorded in the chain. A purge checkpoint without
/// its marker was made by hand. Markers carry no consent id and are never a visitor's receipt.
/// </summary>
/// <param name="Through">The last purged sequence number.</param>
/// <param name="ThroughHash">That entry's hash.</param>
/// <param name="Before">The purge cut-off (Unix milliseconds): receipts received before it were deleted.</param>
/// <param name="ServerTime">When the purge ran (Unix milliseconds).</param>
internal sealed record PurgeMarker(long Through, string ThroughHash, long Before, long ServerTime)
{
    /// <summary>The marker's <c>type</c>; receipts have no <c>type</c> field.</summary>
    public const string Type = "consentry-purge";

    public string ToJson(string site)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", Type);
            w.WriteString("site", site);
            w.WriteNumber("through", Through);
            w.WriteString("throughHash", ThroughHash);
            w.WriteNumber("before", Before);
            w.WriteNumber("serverTime", ServerTime);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The marker in <paramref name="receipt"/>, or null when it is a receipt (or not a well-formed marker).</summary>
    public static PurgeMarker? Read(JsonElement receipt) =>
        receipt.ValueKind == JsonValueKind.Object && receipt.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.ValueEquals(Type)
        && receipt.TryGetProperty("through", out var through) && through.TryGetInt64(out var seq)
        && receipt.TryGetProperty("throughHash", out var hash) && hash.ValueKind == JsonValueKind.String
        && receipt.TryGetProperty("before", out var before) && before.TryGetInt64(out var beforeMs)
        && receipt.TryGetProperty("serverTime", out var time) && time.TryGetInt64(out var timeMs)
            ? new PurgeMarker(seq, hash.GetString()!, beforeMs, timeMs)
            : null;
}
