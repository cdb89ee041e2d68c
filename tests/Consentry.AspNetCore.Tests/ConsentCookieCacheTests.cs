namespace Consentry.AspNetCore.Tests;

/// <summary>The consent cookie values a site has read: each read once, kept apart, bounded.</summary>
public sealed class ConsentCookieCacheTests
{
    private static readonly string[] Locked = ["necessary"];

    private static string Value(string consentId, params string[] categories) =>
        TestSite.ConsentCookie(2, categories, []).Replace("0123456789abcdef0123456789abcdef", consentId, StringComparison.Ordinal);

    [Fact]
    public void TheSameValueIsReadOnceAndItsStateSharedAfterwards()
    {
        var cache = new ConsentCookieCache(2, Locked);
        var value = Value("00000000000000000000000000000001", "necessary", "analytics");
        var first = cache.Read(value);
        Assert.Same(first, cache.Read(value.ToCharArray()));
        Assert.True(first.IsGranted("analytics"));
    }

    [Fact]
    public void EachValueKeepsWhatItGrants()
    {
        var cache = new ConsentCookieCache(2, Locked);
        var yes = cache.Read(Value("00000000000000000000000000000001", "necessary", "analytics"));
        var no = cache.Read(Value("00000000000000000000000000000002", "necessary"));
        Assert.True(yes.IsGranted("analytics"));
        Assert.False(no.IsGranted("analytics"));
        Assert.Equal("00000000000000000000000000000002", no.ConsentId);
    }

    [Fact]
    public void AChoiceForAnOlderRevisionGrantsOnlyTheLockedCategories()
    {
        var newer = new ConsentCookieCache(3, Locked);
        var state = newer.Read(Value("00000000000000000000000000000001", "necessary", "analytics"));
        Assert.False(state.HasChoice);
        Assert.Equal(Locked, state.Categories);
    }

    [Fact]
    public void AnOverlongValueIsReadEachTimeAndNeverKept()
    {
        var cache = new ConsentCookieCache(2, Locked);
        var value = new string('x', 2000);
        Assert.NotSame(cache.Read(value), cache.Read(value));
    }

    [Fact]
    public void AFullCacheStartsAgainInsteadOfGrowing()
    {
        var cache = new ConsentCookieCache(2, Locked);
        var first = Value("00000000000000000000000000000001", "necessary");
        var state = cache.Read(first);
        for (var i = 0; i < 5000; i++)
        {
            cache.Read(Value($"{i + 2:x32}", "necessary"));
        }

        Assert.NotSame(state, cache.Read(first));
    }
}
