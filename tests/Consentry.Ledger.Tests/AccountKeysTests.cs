using Consentry.Ledger.Receipts;

namespace Consentry.Ledger.Tests;

public sealed class AccountKeysTests
{
    private static readonly string Secret = "a-secret-of-at-least-thirty-two-bytes!";

    [Fact]
    public void AnAccountKeyIsAStableKeyedHashThatDiffersPerSiteAndSecret()
    {
        var key = AccountKeys.For(Secret, "claimcmr", "alice@example.com");

        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.Equal(key, AccountKeys.For(Secret, "claimcmr", "alice@example.com"));
        Assert.NotEqual(key, AccountKeys.For(Secret, "clinixai", "alice@example.com"));
        Assert.NotEqual(key, AccountKeys.For(Secret + "!", "claimcmr", "alice@example.com"));
        Assert.NotEqual(key, AccountKeys.For(Secret, "claimcmr", "bob@example.com"));
        Assert.DoesNotContain("alice", key, StringComparison.Ordinal);
    }

    [Fact]
    public void AShortSecretIsRefusedWithHowToFixIt()
    {
        var e = Assert.Throws<ArgumentException>(() => AccountKeys.For("short", "claimcmr", "alice"));
        Assert.Contains("at least 32 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand", e.Message, StringComparison.Ordinal);
    }
}
