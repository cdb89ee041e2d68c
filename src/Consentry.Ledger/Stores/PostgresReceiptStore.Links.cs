using Npgsql;

namespace Consentry.Ledger.Stores;

/// <summary>The account links of <see cref="PostgresReceiptStore"/>: one statement each, shared by every instance.</summary>
public sealed partial class PostgresReceiptStore : IAccountLinks
{
    /// <inheritdoc />
    public Task<string?> LinkedConsentAsync(string site, string accountKey, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        await using var c = await _source.OpenConnectionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand("SELECT consent_id FROM account_links WHERE site = $1 AND account = $2;", c);
        cmd.Parameters.AddWithValue(site);
        cmd.Parameters.AddWithValue(accountKey);
        return await cmd.ExecuteScalarAsync(cancellationToken) as string;
    });

    /// <inheritdoc />
    public Task LinkAsync(string site, string accountKey, string consentId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync("INSERT INTO account_links (site, account, consent_id, updated) VALUES ($1, $2, $3, $4) ON CONFLICT (site, account) DO UPDATE SET consent_id = excluded.consent_id, updated = excluded.updated;",
            cancellationToken, site, accountKey, consentId, at.ToUnixTimeMilliseconds());

    /// <inheritdoc />
    public async Task<bool> UnlinkAsync(string site, string accountKey, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("DELETE FROM account_links WHERE site = $1 AND account = $2;", cancellationToken, site, accountKey) > 0;

    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values) => GuardAsync(async () =>
    {
        await using var c = await _source.OpenConnectionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(sql, c);
        foreach (var v in values)
        {
            cmd.Parameters.AddWithValue(v);
        }

        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    });
}
