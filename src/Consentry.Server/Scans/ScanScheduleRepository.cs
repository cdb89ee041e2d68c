using System.Data.Common;
using System.Globalization;
using Consentry.Server.Data;

namespace Consentry.Server.Scans;

/// <summary>Each site's scan schedule in the server's tables.</summary>
internal sealed class ScanScheduleRepository(ServerDatabase db)
{
    private const string Columns = "site_id, cron, url, max_pages, enabled, updated, updated_by";

    public Task<List<ScanSchedule>> ListAsync(CancellationToken cancellationToken) =>
        db.QueryAsync($"SELECT {Columns} FROM server_scan_schedules ORDER BY site_id;", Read, cancellationToken);

    public async Task<ScanSchedule?> GetAsync(string siteId, CancellationToken cancellationToken) =>
        (await db.QueryAsync($"SELECT {Columns} FROM server_scan_schedules WHERE site_id = @site;", Read, cancellationToken, ("@site", siteId))).FirstOrDefault();

    public async Task SaveAsync(ScanSchedule s, CancellationToken cancellationToken)
    {
        var parameters = new (string, object?)[] { ("@site", s.SiteId), ("@cron", s.Cron), ("@url", s.Url), ("@pages", s.MaxPages), ("@on", s.Enabled ? 1 : 0), ("@t", s.Updated.ToUnixTimeMilliseconds()), ("@by", s.UpdatedBy) };
        await db.ExecuteAsync($"INSERT INTO server_scan_schedules ({Columns}) VALUES (@site, @cron, @url, @pages, @on, @t, @by) " +
            "ON CONFLICT (site_id) DO UPDATE SET cron = @cron, url = @url, max_pages = @pages, enabled = @on, updated = @t, updated_by = @by;", cancellationToken, parameters);
    }

    private static ScanSchedule Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture), ServerDatabase.Long(r.GetValue(4)) != 0,
        ServerDatabase.Time(r.GetValue(5)), r.GetString(6));
}
