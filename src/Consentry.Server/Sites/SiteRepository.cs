using System.Data.Common;
using Consentry.Server.Data;

namespace Consentry.Server.Sites;

/// <summary>Sites and their revisions in the server's tables.</summary>
internal sealed class SiteRepository(ServerDatabase db)
{
    private const string Columns = "site_id, number, manifest_revision, file_name, yaml, material, renewed_consent, uploaded, uploaded_by";

    /// <summary>Each site's latest revision number.</summary>
    public async Task<Dictionary<string, int>> LatestNumbersAsync(CancellationToken cancellationToken) =>
        (await db.QueryAsync("SELECT site_id, MAX(number) FROM server_revisions GROUP BY site_id;", r => (r.GetString(0), Convert.ToInt32(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)), cancellationToken))
        .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);

    public async Task<SiteRevision?> LatestAsync(string siteId, CancellationToken cancellationToken) =>
        (await db.QueryAsync($"SELECT {Columns} FROM server_revisions WHERE site_id = @site ORDER BY number DESC LIMIT 1;", Read, cancellationToken, ("@site", siteId))).FirstOrDefault();

    public async Task<SiteRevision?> RevisionAsync(string siteId, int number, CancellationToken cancellationToken) =>
        (await db.QueryAsync($"SELECT {Columns} FROM server_revisions WHERE site_id = @site AND number = @n;", Read, cancellationToken, ("@site", siteId), ("@n", number))).FirstOrDefault();

    public Task<List<SiteRevision>> RevisionsAsync(string siteId, CancellationToken cancellationToken) =>
        db.QueryAsync($"SELECT {Columns} FROM server_revisions WHERE site_id = @site ORDER BY number DESC;", Read, cancellationToken, ("@site", siteId));

    /// <summary>
    /// Stores the revision as the site's next, with <paramref name="alert"/> (when given) in the outbox in the same
    /// transaction; false when another writer took that number first.
    /// </summary>
    public async Task<bool> AddAsync(SiteRevision r, (string Type, System.Text.Json.Nodes.JsonObject Data)? alert, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        try
        {
            if (r.Number == 1)
            {
                await ServerDatabase.ExecuteInAsync(c, tx, "INSERT INTO server_sites (id, created, created_by) VALUES (@site, @t, @by);", cancellationToken, ("@site", r.SiteId), ("@t", r.Uploaded.ToUnixTimeMilliseconds()), ("@by", r.UploadedBy));
            }

            await ServerDatabase.ExecuteInAsync(c, tx, $"INSERT INTO server_revisions ({Columns}) VALUES (@site, @n, @rev, @file, @yaml, @material, @renew, @t, @by);", cancellationToken,
                ("@site", r.SiteId), ("@n", r.Number), ("@rev", r.ManifestRevision), ("@file", r.FileName), ("@yaml", r.Yaml),
                ("@material", r.Material ? 1 : 0), ("@renew", r.RenewedConsent ? 1 : 0), ("@t", r.Uploaded.ToUnixTimeMilliseconds()), ("@by", r.UploadedBy));
            if (alert is { } a)
            {
                await Notifications.Outbox.AddAsync(c, tx, a.Type, r.SiteId, a.Data, r.Uploaded, cancellationToken);
            }

            await tx.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbException e) when (ServerDatabase.IsUniqueViolation(e))
        {
            return false;
        }
    }

    private static SiteRevision Read(DbDataReader r) => new(
        r.GetString(0), Convert.ToInt32(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt32(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
        r.GetString(3), r.GetString(4), ServerDatabase.Long(r.GetValue(5)) != 0, ServerDatabase.Long(r.GetValue(6)) != 0,
        ServerDatabase.Time(r.GetValue(7)), r.GetString(8));
}
