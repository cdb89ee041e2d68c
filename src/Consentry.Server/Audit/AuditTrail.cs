using System.Text;
using System.Text.Json;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stores;

namespace Consentry.Server.Audit;

/// <summary>
/// The append-only record of every admin action and every access to a visitor's records. Entries are a hash chain
/// in the ledger itself, under the reserved site id <see cref="SiteId"/>, so <c>consentry ledger verify</c> and the
/// server's verification check it exactly as they check receipts; they carry no consent id and count in no statistics.
/// </summary>
internal sealed class AuditTrail(IReceiptStore store, TimeProvider clock)
{
    /// <summary>The audit trail's chain in the ledger; no site may take this id.</summary>
    public const string SiteId = "consentry-audit";

    /// <summary>The <c>type</c> of an audit entry's JSON.</summary>
    public const string Type = "consentry-audit";

    public async Task RecordAsync(string actor, string action, string target, string detail = "", CancellationToken cancellationToken = default)
    {
        var time = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await store.AppendAsync([new SerializedReceipt(SiteId, "", time, Json(actor, action, target, detail, time))], cancellationToken);
    }

    /// <summary>The newest <paramref name="limit"/> entries, newest first, optionally only those naming <paramref name="target"/>.</summary>
    public async Task<IReadOnlyList<AuditRecord>> LatestAsync(int limit, string? target = null, CancellationToken cancellationToken = default)
    {
        var window = new Queue<AuditRecord>();
        await foreach (var e in store.ReadAsync(SiteId, cancellationToken: cancellationToken))
        {
            if (Read(e.Sequence, e.Receipt) is not { } record || (target is not null && record.Target != target))
            {
                continue;
            }

            window.Enqueue(record);
            if (window.Count > limit)
            {
                window.Dequeue();
            }
        }

        return [.. window.Reverse()];
    }

    private static string Json(string actor, string action, string target, string detail, long time)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", Type);
            w.WriteString("site", SiteId);
            w.WriteString("consentId", "");
            w.WriteString("actor", actor);
            w.WriteString("action", action);
            w.WriteString("target", target);
            w.WriteString("detail", detail);
            w.WriteNumber("serverTime", time);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static AuditRecord? Read(long sequence, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var e = doc.RootElement;
        if (!e.TryGetProperty("type", out var t) || !t.ValueEquals(Type))
        {
            return null;
        }

        return new AuditRecord(sequence, DateTimeOffset.FromUnixTimeMilliseconds(e.GetProperty("serverTime").GetInt64()),
            e.GetProperty("actor").GetString()!, e.GetProperty("action").GetString()!, e.GetProperty("target").GetString()!, e.GetProperty("detail").GetString()!);
    }
}
