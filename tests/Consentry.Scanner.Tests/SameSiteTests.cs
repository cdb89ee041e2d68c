using Consentry.Domains;
using Consentry.Scanner.Collect;

namespace Consentry.Scanner.Tests;

/// <summary>The scanner's "same site" by the Public Suffix List (the system's copy, which scripts/test.sh installs).</summary>
public sealed class SameSiteTests
{
    private static PublicSuffixList List => PublicSuffixList.Installed ?? throw new InvalidOperationException($"The Public Suffix List is not installed at {PublicSuffixList.SystemPath}: apt-get install publicsuffix (scripts/test.sh does).");

    [Theory]
    [InlineData("shop.example.co.uk", "www.example.co.uk", true)]
    [InlineData("shop.example.co.uk", "other.co.uk", false)]
    [InlineData("alice.github.io", "bob.github.io", false)]
    [InlineData("shop.localhost", "tracker.localhost", false)]
    [InlineData("cdn.example.com", "example.com", true)]
    public void SameSiteFollowsTheList(string a, string b, bool same) => Assert.Equal(same, Scope.SameSite(a, b, List));

    [Fact]
    public void WithoutTheListTwoCoUkSitesWouldWronglyBeOne() => Assert.True(Scope.SameSite("a.co.uk", "b.co.uk", null));

    [Theory]
    [InlineData("https://shop.example.com/", "https://www.example.com/a", true)]
    [InlineData("https://shop.example.com/", "http://shop.example.com/", false)]
    [InlineData("https://shop.example.com/", "https://shop.example.com:8443/", false)]
    [InlineData("http://shop.localhost:5080/", "http://shop.localhost:5081/", false)]
    [InlineData("https://shop.example.com/", "https://example.org/", false)]
    [InlineData("https://shop.example.com/", "file:///etc/passwd", false)]
    [InlineData("https://shop.example.com/", "chrome://settings", false)]
    public void TheScanStaysOnTheStartPagesSchemePortAndSite(string start, string candidate, bool inScope) =>
        Assert.Equal(inScope, Scope.InScope(candidate, new Uri(start)));
}
