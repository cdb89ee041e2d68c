using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stores;

namespace Consentry.Ledger.Tests;

/// <summary>Account links, the same on every store.</summary>
public abstract partial class StoreContractTests
{
    private static readonly string Secret = new('s', AccountKeys.MinSecretBytes);

    [Fact]
    public async Task AnAccountLinkIsKeptPerSiteAndTheNextLinkReplacesIt()
    {
        await using var ledger = await CreateAsync();
        var links = (IAccountLinks)ledger.Store;
        var ct = TestContext.Current.CancellationToken;
        var key = AccountKeys.For(Secret, "claimcmr", "user-1");
        Assert.Null(await links.LinkedConsentAsync("claimcmr", key, ct));

        await links.LinkAsync("claimcmr", key, new string('a', 32), DateTimeOffset.UnixEpoch, ct);
        await links.LinkAsync("claimcmr", key, new string('b', 32), DateTimeOffset.UnixEpoch.AddDays(1), ct);

        Assert.Equal(new string('b', 32), await links.LinkedConsentAsync("claimcmr", key, ct));
        Assert.Null(await links.LinkedConsentAsync("clinixai", key, ct));
        Assert.Null(await links.LinkedConsentAsync("claimcmr", AccountKeys.For(Secret, "claimcmr", "user-2"), ct));
    }

    [Fact]
    public async Task AnAccountLinkOutlivesTheStoreAndIsGoneOnceForgotten()
    {
        await using var ledger = await CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        var key = AccountKeys.For(Secret, "claimcmr", "user-1");
        await ((IAccountLinks)ledger.Store).LinkAsync("claimcmr", key, new string('a', 32), DateTimeOffset.UnixEpoch, ct);

        var reopened = (IAccountLinks)ledger.Reopen();
        try
        {
            Assert.Equal(new string('a', 32), await reopened.LinkedConsentAsync("claimcmr", key, ct));
            Assert.True(await reopened.UnlinkAsync("claimcmr", key, ct));
            Assert.False(await reopened.UnlinkAsync("claimcmr", key, ct));
            Assert.Null(await ((IAccountLinks)ledger.Store).LinkedConsentAsync("claimcmr", key, ct));
        }
        finally
        {
            await ((IReceiptStore)reopened).DisposeAsync();
        }
    }
}
