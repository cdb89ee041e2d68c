using System.Security.Cryptography;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stores;
using Consentry.Ledger.Writing;

namespace Consentry.AspNetCore;

/// <summary>
/// <see cref="IConsentLinks"/> over the ledger: the account's choice is the latest receipt of the consent id it is linked
/// to. Which of a browser's choice and the account's is newer is told by the ledger where it can be (a cookie carrying
/// its receipt's leaf index is in the ledger; receipts of one site are ordered by sequence), and by the cookie's change
/// time only for a choice whose receipt is still on the way, so a page load right after a choice never undoes it.
/// </summary>
internal sealed class ConsentLinks(IReceiptStore store, IAccountLinks links, ReceiptWriter writer, ConsentryOptions options) : IConsentLinks
{
    public async Task<ConsentLinkResult> LinkAsync(ConsentrySite site, ConsentLinkRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(request);
        var key = AccountKey(site, request.AccountId);
        var device = ConsentCookieReader.ReadLatest(request.ConsentCookies, site.Revision, site.Locked);
        var linked = await links.LinkedConsentAsync(site.SiteId, key, cancellationToken);
        var history = linked is null ? [] : await HistoryAsync(site, linked, cancellationToken);
        if (history.Count == 0)
        {
            return device.HasChoice ? await RelinkAsync(site, key, device, cancellationToken) : Result(ConsentLinkOutcome.NoChoice, device);
        }

        var (latest, account) = history[^1];
        if (!device.HasChoice)
        {
            return account.Revision == site.Revision ? await ApplyAsync(site, request, device, linked!, history, cancellationToken) : Result(ConsentLinkOutcome.RenewalDue, device);
        }

        if (device.ConsentId == linked && SameChoice(device, account))
        {
            return Result(ConsentLinkOutcome.InSync, device);
        }

        if (account.Revision != site.Revision || await DeviceIsNewerAsync(site, device, linked!, latest, account, cancellationToken))
        {
            return device.ConsentId == linked ? Result(ConsentLinkOutcome.InSync, device) : await RelinkAsync(site, key, device, cancellationToken);
        }

        return await ApplyAsync(site, request, device, linked!, history, cancellationToken);
    }

    public Task<bool> UnlinkAsync(ConsentrySite site, string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        return links.UnlinkAsync(site.SiteId, AccountKey(site, accountId), cancellationToken);
    }

    private string AccountKey(ConsentrySite site, string accountId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        if (accountId.Length > ConsentLinkRequest.MaxAccountIdLength)
        {
            throw new ArgumentException($"An account id is at most {ConsentLinkRequest.MaxAccountIdLength} characters.", nameof(accountId));
        }

        var secret = options.AccountLinkSecret
            ?? throw new InvalidOperationException("Linking consent to accounts needs a secret: set ConsentryOptions.AccountLinkSecret (at least 32 bytes, e.g. from an environment secret). Keep it: with another one, every existing link is lost.");
        return AccountKeys.For(secret, site.SiteId, accountId);
    }

    /// <summary>The consent id's receipts on this site, oldest first, with the receipts read.</summary>
    private async Task<IReadOnlyList<(LedgerEntry Entry, ConsentReceipt Receipt)>> HistoryAsync(ConsentrySite site, string consentId, CancellationToken cancellationToken) =>
        [.. (await store.FindAsync(consentId, cancellationToken)).Where(e => e.Site == site.SiteId).Select(e => (e, e.ReadReceipt()))];

    /// <summary>
    /// Whether the browser's choice is newer than the account's latest receipt. A cookie with a leaf index holds a choice
    /// the ledger has: newer when its consent id's latest receipt comes later in the site's chain (never, for the account's
    /// own consent id, since the choices differ). Without one, the receipt may still be on its way: the cookie's time decides.
    /// </summary>
    private async Task<bool> DeviceIsNewerAsync(ConsentrySite site, ConsentState device, string linked, LedgerEntry latest, ConsentReceipt account, CancellationToken cancellationToken)
    {
        if (device.LeafIndex is null)
        {
            return device.UpdatedAt > account.ServerTime;
        }

        if (device.ConsentId == linked)
        {
            return false;
        }

        var own = (await store.FindAsync(device.ConsentId!, cancellationToken)).LastOrDefault(e => e.Site == site.SiteId);
        return own is null ? device.UpdatedAt > account.ServerTime : own.Sequence > latest.Sequence;
    }

    private async Task<ConsentLinkResult> RelinkAsync(ConsentrySite site, string key, ConsentState device, CancellationToken cancellationToken)
    {
        await links.LinkAsync(site.SiteId, key, device.ConsentId!, DateTimeOffset.UtcNow, cancellationToken);
        return Result(ConsentLinkOutcome.Linked, device);
    }

    /// <summary>
    /// Records the account's latest choice for this browser (method <c>linked</c>) and makes the cookie that carries it;
    /// a choice older than the consent cookie's lifetime is not applied (it has lapsed: the banner asks again).
    /// </summary>
    private async Task<ConsentLinkResult> ApplyAsync(ConsentrySite site, ConsentLinkRequest request, ConsentState device, string linked, IReadOnlyList<(LedgerEntry Entry, ConsentReceipt Receipt)> history, CancellationToken cancellationToken)
    {
        var account = history[^1].Receipt;
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        // The cookie lasts as long as the visitor's own choice would have: from when it was made, not from when it was applied here.
        var madeAt = history.LastOrDefault(h => h.Receipt.Method != ConsentMethods.Linked).Receipt?.ServerTime ?? account.ServerTime;
        if (madeAt.AddDays(site.Manifest.Consent.CookieDays) <= now)
        {
            return Result(ConsentLinkOutcome.RenewalDue, device);
        }

        var receipt = ReceiptEndpoint.WithRegion(site, request.Region, new ConsentReceipt
        {
            Site = site.SiteId,
            ReceiptId = ReceiptId(now),
            ConsentId = linked,
            Revision = site.Revision,
            PolicyHash = site.PolicyHash,
            Categories = Decisions(account.Categories, site.CategoryIds, site.Locked),
            Services = Decisions(account.Services, site.ServiceIds, []),
            Method = ConsentMethods.Linked,
            Language = account.Language,
            PageUrl = request.PageUrl.GetLeftPart(UriPartial.Path),
            UserAgentFamily = UserAgentFamily.Of(request.UserAgent),
            ServerTime = now,
        });
        var entry = await writer.WriteAsync(receipt, cancellationToken);
        var state = new ConsentState
        {
            ConsentId = linked,
            Revision = site.Revision,
            Categories = new HashSet<string>(Granted(receipt.Categories).Concat(site.Locked), StringComparer.Ordinal),
            Services = Granted(receipt.Services),
            Method = ConsentMethods.Linked,
            GivenAt = history[0].Receipt.ServerTime,
            UpdatedAt = now,
            LeafIndex = entry.LeafIndex,
        };
        return new ConsentLinkResult { Outcome = ConsentLinkOutcome.Applied, Consent = state, SetCookie = ConsentCookieWriter.SetCookie(site, request.PageUrl, state, account.Language, madeAt) };
    }

    private static bool SameChoice(ConsentState device, ConsentReceipt account) =>
        device.Categories.SetEquals(Granted(account.Categories)) && device.Services.SetEquals(Granted(account.Services));

    private static HashSet<string> Granted(IReadOnlyDictionary<string, bool> decisions) =>
        decisions.Where(d => d.Value).Select(d => d.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>The account's decisions on what the site still offers; strictly necessary categories always granted.</summary>
    private static SortedDictionary<string, bool> Decisions(IReadOnlyDictionary<string, bool> decisions, IReadOnlySet<string> known, IReadOnlyList<string> locked) =>
        new(known.ToDictionary(k => k, k => locked.Contains(k) || (decisions.TryGetValue(k, out var on) && on)), StringComparer.Ordinal);

    private static ConsentLinkResult Result(ConsentLinkOutcome outcome, ConsentState device) => new() { Outcome = outcome, Consent = device };

    /// <summary>32 hex digits, time first, as the banner makes them: receipts made later sort later.</summary>
    private static string ReceiptId(DateTimeOffset now) =>
        (now.ToUnixTimeMilliseconds() + (1L << 48)).ToString("x", System.Globalization.CultureInfo.InvariantCulture)[1..] + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
}
