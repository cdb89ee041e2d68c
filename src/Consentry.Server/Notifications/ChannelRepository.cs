using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Consentry.Server.Data;

namespace Consentry.Server.Notifications;

/// <summary>The alert channels in the server's tables.</summary>
internal sealed class ChannelRepository(ServerDatabase db, TimeProvider clock)
{
    private const string Columns = "id, kind, name, target, secret, sites, events, enabled, failures, disabled_reason";

    public Task<List<Channel>> ListAsync(CancellationToken cancellationToken) =>
        db.QueryAsync($"SELECT {Columns} FROM server_channels ORDER BY created;", Read, cancellationToken);

    public async Task<Channel?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await db.QueryAsync($"SELECT {Columns} FROM server_channels WHERE id = @id;", Read, cancellationToken, ("@id", id))).FirstOrDefault();

    /// <summary>Stores a new channel; a webhook gets a fresh signing secret.</summary>
    public async Task<Channel> CreateAsync(string kind, string name, string target, IReadOnlyList<string> sites, IReadOnlyList<string> events, string actor, CancellationToken cancellationToken)
    {
        var id = "ch_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = kind == ChannelKinds.Webhook ? "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)) : "";
        await db.ExecuteAsync(
            "INSERT INTO server_channels (id, kind, name, target, secret, sites, events, enabled, failures, disabled_reason, created, created_by) VALUES (@id, @kind, @name, @target, @secret, @sites, @events, 1, 0, '', @t, @by);",
            cancellationToken, ("@id", id), ("@kind", kind), ("@name", name), ("@target", target), ("@secret", secret), ("@sites", string.Join(',', sites)),
            ("@events", string.Join(',', events)), ("@t", clock.GetUtcNow().ToUnixTimeMilliseconds()), ("@by", actor));
        return new Channel(id, kind, name, target, secret, sites, events, true, 0, "");
    }

    /// <summary>Enables (clearing the failure count) or disables a channel by hand.</summary>
    public async Task<bool> SetEnabledAsync(string id, bool enabled, CancellationToken cancellationToken) =>
        await db.ExecuteAsync("UPDATE server_channels SET enabled = @on, failures = 0, disabled_reason = '' WHERE id = @id;", cancellationToken, ("@id", id), ("@on", enabled ? 1 : 0)) == 1;

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await db.ExecuteAsync("DELETE FROM server_deliveries WHERE channel_id = @id;", cancellationToken, ("@id", id));
        return await db.ExecuteAsync("DELETE FROM server_channels WHERE id = @id;", cancellationToken, ("@id", id)) == 1;
    }

    /// <summary>A delivery to the channel succeeded: the failures in a row start again from zero.</summary>
    public Task RecordSuccessAsync(string id, CancellationToken cancellationToken) =>
        db.ExecuteAsync("UPDATE server_channels SET failures = 0 WHERE id = @id;", cancellationToken, ("@id", id));

    /// <summary>An attempt failed; after <paramref name="disableAfter"/> in a row the channel is disabled. True when this attempt disabled it.</summary>
    public async Task<bool> RecordFailureAsync(string id, int disableAfter, string reason, CancellationToken cancellationToken)
    {
        await db.ExecuteAsync("UPDATE server_channels SET failures = failures + 1 WHERE id = @id;", cancellationToken, ("@id", id));
        var why = $"disabled after {disableAfter} failed attempts in a row; the last: {reason}";
        return await db.ExecuteAsync("UPDATE server_channels SET enabled = 0, disabled_reason = @why WHERE id = @id AND enabled = 1 AND failures >= @max;",
            cancellationToken, ("@id", id), ("@max", disableAfter), ("@why", why)) == 1;
    }

    private static Channel Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Split(r.GetString(5)), Split(r.GetString(6)),
        ServerDatabase.Long(r.GetValue(7)) != 0, Convert.ToInt32(r.GetValue(8), CultureInfo.InvariantCulture), r.GetString(9));

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
