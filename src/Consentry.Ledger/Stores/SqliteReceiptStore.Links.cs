namespace Consentry.Ledger.Stores;

/// <summary>The account links of <see cref="SqliteReceiptStore"/>: written through the one writer, read beside it.</summary>
public sealed partial class SqliteReceiptStore : IAccountLinks
{
    /// <inheritdoc />
    public async Task<string?> LinkedConsentAsync(string site, string accountKey, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken);
        await using var cmd = Command(c, null, "SELECT consent_id FROM account_links WHERE site = $site AND account = $account;");
        cmd.Parameters.AddWithValue("$site", site);
        cmd.Parameters.AddWithValue("$account", accountKey);
        return await cmd.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <inheritdoc />
    public Task LinkAsync(string site, string accountKey, string consentId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WriteAsync(async w =>
        {
            await using var cmd = w.Command("INSERT INTO account_links (site, account, consent_id, updated) VALUES ($site, $account, $cid, $at) ON CONFLICT (site, account) DO UPDATE SET consent_id = excluded.consent_id, updated = excluded.updated;");
            cmd.Parameters.AddWithValue("$site", site);
            cmd.Parameters.AddWithValue("$account", accountKey);
            cmd.Parameters.AddWithValue("$cid", consentId);
            cmd.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            return await cmd.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> UnlinkAsync(string site, string accountKey, CancellationToken cancellationToken = default) =>
        WriteAsync(async w =>
        {
            await using var cmd = w.Command("DELETE FROM account_links WHERE site = $site AND account = $account;");
            cmd.Parameters.AddWithValue("$site", site);
            cmd.Parameters.AddWithValue("$account", accountKey);
            return await cmd.ExecuteNonQueryAsync(cancellationToken) > 0;
        }, cancellationToken);
}
