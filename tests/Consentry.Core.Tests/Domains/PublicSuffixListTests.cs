using Consentry.Domains;

namespace Consentry.Core.Tests.Domains;

/// <summary>The Public Suffix List (the system's copy, which scripts/test.sh installs).</summary>
public sealed class PublicSuffixListTests
{
    private static PublicSuffixList List => PublicSuffixList.Installed ?? throw new InvalidOperationException($"The Public Suffix List is not installed at {PublicSuffixList.SystemPath}: apt-get install publicsuffix (scripts/test.sh does).");

    [Theory]
    [InlineData("www.example.com", "example.com")]
    [InlineData("shop.example.co.uk", "example.co.uk")]
    [InlineData("example.co.uk", "example.co.uk")]
    [InlineData("co.uk", "co.uk")]
    [InlineData("alice.github.io", "alice.github.io")]
    [InlineData("a.b.alice.github.io", "alice.github.io")]
    [InlineData("shop.localhost", "shop.localhost")]
    [InlineData("localhost", "localhost")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("WWW.Example.COM.", "example.com")]
    public void TheRegistrableDomainIsTheSuffixPlusOneLabel(string host, string domain) => Assert.Equal(domain, List.RegistrableDomain(host));

    [Fact]
    public void WildcardAndExceptionRulesAreHonoured()
    {
        var list = PublicSuffixList.Parse(["// comment", "ck", "*.ck", "!www.ck", "", "com"]);
        Assert.Equal("shop.any.ck", list.RegistrableDomain("a.shop.any.ck"));
        Assert.Equal("www.ck", list.RegistrableDomain("a.www.ck"));
        Assert.Equal("example.com", list.RegistrableDomain("x.example.com"));
    }

    [Theory]
    [InlineData("com", true)]
    [InlineData("co.uk", true)]
    [InlineData("github.io", true)]
    [InlineData("localhost", true)]
    [InlineData("example.com", false)]
    [InlineData("example.co.uk", false)]
    [InlineData("alice.github.io", false)]
    [InlineData("shop.localhost", false)]
    [InlineData("CO.UK.", true)]
    public void APublicSuffixIsKnownAsOne(string host, bool suffix) => Assert.Equal(suffix, List.IsPublicSuffix(host));
}
