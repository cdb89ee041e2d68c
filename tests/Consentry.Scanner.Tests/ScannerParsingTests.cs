using Consentry.Scanner.Collect;

namespace Consentry.Scanner.Tests;

/// <summary>The scanner's readers of raw Set-Cookie lines and sitemaps, without a browser.</summary>
public sealed class ScannerParsingTests
{
    private static readonly DateTimeOffset Date = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("a=1; Path=/; Max-Age=600", 600d)]
    [InlineData("a=1; Max-Age=600; Expires=Wed, 24 Nov 2027 12:00:00 GMT", 600d)]
    [InlineData("a=1; expires=Wed, 24 Nov 2027 12:00:00 GMT; path=/", 365d * 86400)]
    [InlineData("a=1; Expires=Wednesday, 24-Nov-27 12:00:00 GMT", 365d * 86400)]
    [InlineData("a=1; Max-Age=-5", 0d)]
    [InlineData("a=1; Path=/; HttpOnly", null)]
    [InlineData("a=1; Expires=not a date", null)]
    public void TheRequestedLifetimeComesFromMaxAgeBeforeExpires(string line, double? seconds) =>
        Assert.Equal(seconds, SetCookieLine.RequestedLifetime(line, Date));

    [Theory]
    [InlineData("sid=abc; Path=/", "sid")]
    [InlineData(" __Host-x = 1", "__Host-x")]
    [InlineData("novalue", "")]
    public void TheNameIsWhatComesBeforeTheFirstEqualsSign(string line, string name) => Assert.Equal(name, SetCookieLine.Name(line));

    [Fact]
    public void ASitemapsLocationsAreRead()
    {
        var (locs, index) = Sitemap.Parse("""
            <?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <url><loc> https://a.example/x </loc></url><url><loc>https://a.example/y</loc></url></urlset>
            """);
        Assert.False(index);
        Assert.Equal(["https://a.example/x", "https://a.example/y"], locs);
    }

    [Fact]
    public void ASitemapIndexIsRecognised()
    {
        var (locs, index) = Sitemap.Parse("<sitemapindex><sitemap><loc>https://a.example/s1.xml</loc></sitemap></sitemapindex>");
        Assert.True(index);
        Assert.Equal(["https://a.example/s1.xml"], locs);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body>Not found</body></html>")]
    [InlineData("not xml at all <")]
    [InlineData("<!DOCTYPE urlset [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><urlset><url><loc>&x;</loc></url></urlset>")]
    public void AnythingThatIsNotASitemapGivesNoPages(string text) => Assert.Empty(Sitemap.Parse(text).Locations);
}
