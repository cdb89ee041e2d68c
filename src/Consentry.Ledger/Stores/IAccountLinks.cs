namespace Consentry.Ledger.Stores;

/// <summary>
/// Which consent id a signed-in account's choice lives under, per site: what lets a choice made on one browser follow the
/// account to another. The account is known only by its keyed hash (<see cref="Receipts.AccountKeys"/>), never in the clear.
/// Both stores implement it; like <see cref="IReceiptStore"/>, every method may throw <see cref="LedgerUnavailableException"/>.
/// </summary>
public interface IAccountLinks
{
    /// <summary>The consent id linked to the account <paramref name="accountKey"/> on <paramref name="site"/>, or null when none is.</summary>
    Task<string?> LinkedConsentAsync(string site, string accountKey, CancellationToken cancellationToken = default);

    /// <summary>Links the account to <paramref name="consentId"/> (replacing an earlier link), durably before it returns.</summary>
    Task LinkAsync(string site, string accountKey, string consentId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Forgets the account's link (its receipts stay in the ledger); returns whether there was one.</summary>
    Task<bool> UnlinkAsync(string site, string accountKey, CancellationToken cancellationToken = default);
}
