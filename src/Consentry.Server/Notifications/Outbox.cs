using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Consentry.Server.Data;

namespace Consentry.Server.Notifications;

/// <summary>
/// Writes events in the transaction of what caused them (a revision stored, a scan finished, a verification
/// recorded): committed together or not at all, so a crash loses no event and invents none. The dispatcher fans
/// them out to the channels later.
/// </summary>
internal static class Outbox
{
    /// <summary>Adds an event to the outbox inside <paramref name="tx"/>; returns it.</summary>
    public static async Task<OutboxEvent> AddAsync(DbConnection c, DbTransaction tx, string type, string siteId, JsonObject data, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = "evt_" + Guid.CreateVersion7(now).ToString("N");
        // The Standard Webhooks payload shape: type, timestamp, data. Stored as sent, so every attempt carries the same bytes.
        var payload = new JsonObject { ["type"] = type, ["timestamp"] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["data"] = data }.ToJsonString(Json);
        await ServerDatabase.ExecuteInAsync(c, tx, "INSERT INTO server_outbox (id, type, site_id, created, payload, fanned) VALUES (@id, @type, @site, @t, @p, 0);", cancellationToken,
            ("@id", id), ("@type", type), ("@site", siteId), ("@t", now.ToUnixTimeMilliseconds()), ("@p", payload));
        return new OutboxEvent(id, type, siteId, now, payload);
    }

    /// <summary>Adds an event in a transaction of its own (for causes with nothing else to store).</summary>
    public static async Task<OutboxEvent> AddAsync(ServerDatabase db, string type, string siteId, JsonObject data, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        var e = await AddAsync(c, tx, type, siteId, data, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return e;
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
}
