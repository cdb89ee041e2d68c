using Consentry.Domains;

namespace Consentry.Core.Tests.Domains;

public sealed class DomainNamesTests
{
    [Theory]
    [InlineData("example.com", "example.com", true)]
    [InlineData("app.example.com", "example.com", true)]
    [InlineData("A.B.Example.COM", "example.com", true)]
    [InlineData("badexample.com", "example.com", false)]
    [InlineData("example.com", "app.example.com", false)]
    [InlineData("example.com.evil", "example.com", false)]
    [InlineData("com", "example.com", false)]
    [InlineData("app.example.com", "*.example.com", true)]
    [InlineData("a.b.example.com", "*.example.com", true)]
    [InlineData("example.com", "*.example.com", false)]
    [InlineData("badexample.com", "*.example.com", false)]
    public void AHostIsWithinADomainWhenItIsTheDomainOrASubdomainOfIt(string host, string domain, bool within) =>
        Assert.Equal(within, DomainNames.IsWithin(host, domain));

    [Theory]
    [InlineData("*.example.com", true)]
    [InlineData("example.com", false)]
    [InlineData("*example.com", false)]
    public void OnlyALeadingStarDotMakesADomainAWildcard(string domain, bool wildcard) =>
        Assert.Equal(wildcard, DomainNames.IsWildcard(domain));
}
