using System.Globalization;
using Consentry.Server.Data;

namespace Consentry.Server.Notifications;

/// <summary>
/// Deliveries: one row per event and channel (its primary key), so an event reaches a channel once however many
/// instances fan it out. An instance leases a due row before its attempt, so no two instances attempt it at once.
/// </summary>
internal sealed class DeliveryStore(ServerDatabase db, TimeProvider clock)
{
    /// <summary>Turns events not fanned out yet into pending deliveries for the channels that want them; returns how many events.</summary>
    public async Task<int> FanOutAsync(IReadOnlyList<Channel> channels, CancellationToken cancellationToken)
    {
        var events = await db.QueryAsync("SELECT id, type, site_id FROM server_outbox WHERE fanned = 0 ORDER BY created LIMIT 200;",
            r => (Id: r.GetString(0), Type: r.GetString(1), Site: r.GetString(2)), cancellationToken);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var e in events)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            await using var tx = await c.BeginTransactionAsync(cancellationToken);
            foreach (var channel in channels.Where(ch => ch.Enabled && ch.Wants(e.Type, e.Site)))
            {
                await ServerDatabase.ExecuteInAsync(c, tx, "INSERT INTO server_deliveries (event_id, channel_id, status, attempts, next_at, lease_until, last_result, updated) VALUES (@e, @ch, 'pending', 0, @now, 0, '', @now) ON CONFLICT DO NOTHING;",
                    cancellationToken, ("@e", e.Id), ("@ch", channel.Id), ("@now", now));
            }

            await ServerDatabase.ExecuteInAsync(c, tx, "UPDATE server_outbox SET fanned = 1 WHERE id = @e;", cancellationToken, ("@e", e.Id));
            await tx.CommitAsync(cancellationToken);
        }

        return events.Count;
    }

    /// <summary>Leases up to <paramref name="max"/> due deliveries of enabled channels for <paramref name="lease"/>; returns them with their events.</summary>
    public async Task<List<(OutboxEvent Event, string ChannelId, int Attempts)>> ClaimDueAsync(int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var due = await db.QueryAsync(
            "SELECT d.event_id, d.channel_id, d.attempts FROM server_deliveries d JOIN server_channels ch ON ch.id = d.channel_id " +
            "WHERE d.status = 'pending' AND d.next_at <= @now AND d.lease_until <= @now AND ch.enabled = 1 ORDER BY d.next_at LIMIT @max;",
            r => (Event: r.GetString(0), Channel: r.GetString(1), Attempts: Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture)), cancellationToken, ("@now", now), ("@max", max));
        var claimed = new List<(OutboxEvent, string, int)>();
        foreach (var d in due)
        {
            var won = await db.ExecuteAsync("UPDATE server_deliveries SET lease_until = @until WHERE event_id = @e AND channel_id = @ch AND status = 'pending' AND lease_until <= @now;",
                cancellationToken, ("@e", d.Event), ("@ch", d.Channel), ("@now", now), ("@until", now + (long)lease.TotalMilliseconds)) == 1;
            if (won && await EventAsync(d.Event, cancellationToken) is { } e)
            {
                claimed.Add((e, d.Channel, d.Attempts));
            }
        }

        return claimed;
    }

    public async Task<OutboxEvent?> EventAsync(string id, CancellationToken cancellationToken) =>
        (await db.QueryAsync("SELECT id, type, site_id, created, payload FROM server_outbox WHERE id = @id;", r => new OutboxEvent(
            r.GetString(0), r.GetString(1), r.GetString(2), ServerDatabase.Time(r.GetValue(3)), r.GetString(4)),
            cancellationToken, ("@id", id))).FirstOrDefault();

    /// <summary>Records an attempt's outcome: delivered, or pending again at <paramref name="retryAt"/>, or failed for good when that is null.</summary>
    public Task RecordAsync(string eventId, string channelId, bool delivered, string result, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        var status = delivered ? DeliveryStatus.Delivered : retryAt is null ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        return db.ExecuteAsync("UPDATE server_deliveries SET status = @s, attempts = attempts + 1, next_at = @next, lease_until = 0, last_result = @r, updated = @now WHERE event_id = @e AND channel_id = @ch;",
            cancellationToken, ("@e", eventId), ("@ch", channelId), ("@s", status), ("@r", result), ("@now", clock.GetUtcNow().ToUnixTimeMilliseconds()),
            ("@next", (retryAt ?? clock.GetUtcNow()).ToUnixTimeMilliseconds()));
    }

    /// <summary>Gives a claimed delivery back unattempted (its channel was disabled meanwhile).</summary>
    public Task ReleaseAsync(string eventId, string channelId, CancellationToken cancellationToken) =>
        db.ExecuteAsync("UPDATE server_deliveries SET lease_until = 0 WHERE event_id = @e AND channel_id = @ch;", cancellationToken, ("@e", eventId), ("@ch", channelId));

    /// <summary>Sends a delivery again by hand: pending now, attempts from zero. False when there is no such delivery.</summary>
    public async Task<bool> ResendAsync(string eventId, string channelId, CancellationToken cancellationToken) =>
        await db.ExecuteAsync("UPDATE server_deliveries SET status = 'pending', attempts = 0, next_at = @now, lease_until = 0, updated = @now WHERE event_id = @e AND channel_id = @ch;",
            cancellationToken, ("@e", eventId), ("@ch", channelId), ("@now", clock.GetUtcNow().ToUnixTimeMilliseconds())) == 1;

    /// <summary>The newest deliveries, for the delivery log.</summary>
    public Task<List<Delivery>> RecentAsync(int max, CancellationToken cancellationToken) =>
        db.QueryAsync(
            "SELECT d.event_id, o.type, o.site_id, d.channel_id, COALESCE(ch.name, d.channel_id), d.status, d.attempts, d.next_at, d.last_result, d.updated " +
            "FROM server_deliveries d JOIN server_outbox o ON o.id = d.event_id LEFT JOIN server_channels ch ON ch.id = d.channel_id ORDER BY d.updated DESC, d.event_id DESC LIMIT @max;",
            r => new Delivery(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), Convert.ToInt32(r.GetValue(6), CultureInfo.InvariantCulture),
                ServerDatabase.Time(r.GetValue(7)), r.GetString(8), ServerDatabase.Time(r.GetValue(9))), cancellationToken, ("@max", max));

}
