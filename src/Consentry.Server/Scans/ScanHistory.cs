using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Consentry.Server.Data;
using Consentry.Server.Notifications;

namespace Consentry.Server.Scans;

/// <summary>
/// The scans in the server's tables, one row per fire key (its unique key): a scheduled fire time is scanned once
/// however many instances see it; a run whose instance died is taken over by the one that recovers it.
/// </summary>
internal sealed class ScanHistory(ServerDatabase db, TimeProvider clock)
{
    private const string Columns = "id, site_id, fire_key, origin, status, instance, attempts, started, ended, summary";

    /// <summary>
    /// Records the start of the scan for <paramref name="fireKey"/>; null when that key was scanned already, or is
    /// being scanned and <paramref name="takeOver"/> is false (only a recovery takes over a run left behind).
    /// </summary>
    public async Task<ScanRecord?> BeginAsync(string siteId, string fireKey, string origin, string instance, bool takeOver, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var id = "scan_" + Guid.CreateVersion7(now).ToString("N");
        try
        {
            await db.ExecuteAsync($"INSERT INTO server_scans ({Columns}) VALUES (@id, @site, @key, @origin, 'running', @me, 1, @t, @t, '');", cancellationToken,
                ("@id", id), ("@site", siteId), ("@key", fireKey), ("@origin", origin), ("@me", instance), ("@t", now.ToUnixTimeMilliseconds()));
            return new ScanRecord(id, siteId, fireKey, origin, ScanStatus.Running, instance, 1, now, now, "");
        }
        catch (DbException e) when (ServerDatabase.IsUniqueViolation(e))
        {
            if (!takeOver)
            {
                return null;
            }
        }

        var taken = await db.ExecuteAsync("UPDATE server_scans SET instance = @me, attempts = attempts + 1, started = @t, ended = @t WHERE fire_key = @key AND status = 'running';", cancellationToken,
            ("@key", fireKey), ("@me", instance), ("@t", now.ToUnixTimeMilliseconds())) == 1;
        return taken ? (await db.QueryAsync($"SELECT {Columns} FROM server_scans WHERE fire_key = @key;", Read, cancellationToken, ("@key", fireKey))).FirstOrDefault() : null;
    }

    /// <summary>
    /// Records the end of <paramref name="scan"/> with its reports, and its alerts in the outbox, in one transaction;
    /// then keeps only the newest <paramref name="keep"/> finished scans of the site.
    /// </summary>
    public async Task FinishAsync(ScanRecord scan, string status, string summary, string? json, string? html, IReadOnlyList<(string Type, JsonObject Data)> alerts, int keep, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var c = await db.OpenAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        if (await ServerDatabase.ExecuteInAsync(c, tx, "UPDATE server_scans SET status = @s, ended = @t, summary = @sum, report_json = @json, report_html = @html WHERE id = @id AND status = 'running';", cancellationToken,
            ("@id", scan.Id), ("@s", status), ("@t", now.ToUnixTimeMilliseconds()), ("@sum", summary), ("@json", json), ("@html", html)) == 0)
        {
            return; // another instance finished it first; its alerts are the ones sent
        }

        foreach (var (type, data) in alerts)
        {
            await Outbox.AddAsync(c, tx, type, scan.SiteId, data, now, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        await db.ExecuteAsync(
            "DELETE FROM server_scans WHERE site_id = @site AND status <> 'running' AND id NOT IN (SELECT id FROM server_scans WHERE site_id = @site AND status <> 'running' ORDER BY started DESC LIMIT @keep);",
            cancellationToken, ("@site", scan.SiteId), ("@keep", keep));
    }

    public Task<List<ScanRecord>> ListAsync(string siteId, int max, CancellationToken cancellationToken) =>
        db.QueryAsync($"SELECT {Columns} FROM server_scans WHERE site_id = @site ORDER BY started DESC, id DESC LIMIT @max;", Read, cancellationToken, ("@site", siteId), ("@max", max));

    /// <summary>Runs left in <see cref="ScanStatus.Running"/> by an instance that stopped (one instance: every one at start).</summary>
    public Task<List<ScanRecord>> RunningAsync(CancellationToken cancellationToken) =>
        db.QueryAsync($"SELECT {Columns} FROM server_scans WHERE status = 'running';", Read, cancellationToken);

    public async Task<ScanRecord?> GetAsync(string siteId, string id, CancellationToken cancellationToken) =>
        (await db.QueryAsync($"SELECT {Columns} FROM server_scans WHERE site_id = @site AND id = @id;", Read, cancellationToken, ("@site", siteId), ("@id", id))).FirstOrDefault();

    /// <summary>A finished scan's report: <c>json</c> or <c>html</c>; null when there is none.</summary>
    public async Task<string?> ReportAsync(string siteId, string id, string kind, CancellationToken cancellationToken) =>
        (await db.QueryAsync($"SELECT {(kind == "html" ? "report_html" : "report_json")} FROM server_scans WHERE site_id = @site AND id = @id;",
            r => r.IsDBNull(0) ? null : r.GetString(0), cancellationToken, ("@site", siteId), ("@id", id))).FirstOrDefault();

    /// <summary>The newest finished scan of the site before <paramref name="before"/> (or before now) that has a report, with its JSON.</summary>
    public async Task<(ScanRecord Scan, string Json)?> PreviousAsync(string siteId, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        var rows = await db.QueryAsync(
            $"SELECT {Columns}, report_json FROM server_scans WHERE site_id = @site AND status = 'done' AND report_json IS NOT NULL AND started < @before ORDER BY started DESC LIMIT 1;",
            r => (Read(r), r.GetString(10)), cancellationToken, ("@site", siteId), ("@before", (before ?? clock.GetUtcNow()).ToUnixTimeMilliseconds()));
        return rows.Count == 0 ? null : rows[0];
    }

    private static ScanRecord Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), Convert.ToInt32(r.GetValue(6), CultureInfo.InvariantCulture),
        ServerDatabase.Time(r.GetValue(7)), ServerDatabase.Time(r.GetValue(8)), r.GetString(9));
}
