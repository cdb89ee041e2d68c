namespace Consentry.AspNetCore;

/// <summary>
/// Consent that follows a signed-in account from browser to browser. The host application links the visitor's consent
/// to its own account id at every page load of a signed-in visitor (<see cref="HttpContextConsentExtensions.LinkConsentAsync"/>
/// does it for ASP.NET Core; the Consentry server's <c>POST /api/v1/sites/{site}/account-links</c> for any stack). The
/// account's latest choice is applied to a browser without one (a receipt with method <c>linked</c> records it), a newer
/// choice on any browser reaches the others at their next page load, and a choice for an older revision is never
/// applied (the banner asks again). The account id is stored only as a keyed hash (<see cref="ConsentryOptions.AccountLinkSecret"/>).
/// </summary>
public interface IConsentLinks
{
    /// <summary>Links the request's browser to the account and says what its consent cookie must become.</summary>
    /// <exception cref="InvalidOperationException">No <see cref="ConsentryOptions.AccountLinkSecret"/> is configured.</exception>
    /// <exception cref="Ledger.Stores.LedgerUnavailableException">The ledger cannot be reached; nothing was changed.</exception>
    Task<ConsentLinkResult> LinkAsync(ConsentrySite site, ConsentLinkRequest request, CancellationToken cancellationToken = default);

    /// <summary>Forgets the account's link (e.g. when the account is deleted); its receipts stay. Returns whether there was one.</summary>
    Task<bool> UnlinkAsync(ConsentrySite site, string accountId, CancellationToken cancellationToken = default);
}
