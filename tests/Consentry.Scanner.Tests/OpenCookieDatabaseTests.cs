using Consentry.Manifests;
using Consentry.Scanner.Catalogue;

namespace Consentry.Scanner.Tests;

/// <summary>Reading the Open Cookie Database CSV and looking names up in the catalogue built from it.</summary>
public sealed class OpenCookieDatabaseTests
{
    private static readonly string Copy = RepoPaths.OpenCookieDatabaseCopy;

    private const string Header = "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n";

    private static OpenCookieDatabase.Contents Parse(string csv) => OpenCookieDatabase.Parse(new StringReader(csv), "test.csv");

    [Fact]
    public void TheRealCopyLoadsWithItsKnownDirtCountedNotFatal()
    {
        var catalogue = CookieCatalogue.Load(Copy);
        Assert.InRange(catalogue.DatabaseEntries, 2000, 2300);
        Assert.Contains("Open Cookie Database", catalogue.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotedFieldsWithCommasQuotesAndLineBreaksAreRead()
    {
        var c = Parse(Header + "1,Acme,Marketing,acme_id,acme.com,\"Says \"\"hi\"\", then\nmore\",1 year,Acme,https://acme.example,0\n2,Beta,Analytics,beta_,,x,1 day,Beta,,1");
        Assert.Equal(2, c.Entries.Count);
        Assert.Equal(("acme_id", "Acme", BuiltInCategories.Marketing, false), (c.Entries[0].Name, c.Entries[0].Provider, c.Entries[0].Category, c.Entries[0].IsPrefix));
        Assert.True(c.Entries[1].IsPrefix);
    }

    [Fact]
    public void RowsWithAnUnknownCategoryOrTooFewColumnsAreSkippedAndCounted()
    {
        var c = Parse(Header + "1,Acme,Mystery,a,,,,,,0\n2,Acme\n3,Acme,Security,csrf,,,,,,0\n");
        Assert.Equal(2, c.Skipped);
        Assert.Equal(BuiltInCategories.Necessary, Assert.Single(c.Entries).Category);
    }

    [Fact]
    public void AFileWithoutTheHeaderIsRefusedNamingTheMissingColumns()
    {
        var e = Assert.Throws<FormatException>(() => Parse("name,category\n_ga,analytics\n"));
        Assert.Contains("test.csv:1", e.Message, StringComparison.Ordinal);
        Assert.Contains("'Cookie / Data Key name'", e.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => Parse(""));
        Assert.Throws<FormatException>(() => Parse(Header));
    }

    [Theory]
    [InlineData("_ga", "Google Analytics", "Consentry")]
    [InlineData("_ga_ABC123", "Google Analytics", "Consentry")]
    [InlineData("CookieConsent", "Cookiebot", "Open Cookie Database")]
    [InlineData("__hs_opt_out", "Hubspot", "Open Cookie Database")]
    [InlineData("pvc_visits[42]", "Postviewscounter", "Open Cookie Database")]
    public void TheCuratedTableComesFirstThenTheDatabaseExactThenPatterns(string name, string provider, string source)
    {
        var found = CookieCatalogue.Load(Copy).Find(name);
        Assert.NotNull(found);
        Assert.Equal((provider, source), (found.Provider, found.Source));
    }

    [Fact]
    public void WithoutTheDatabaseOnlyTheCuratedTableAnswers()
    {
        Assert.NotNull(CookieCatalogue.BuiltIn.Find("_fbp"));
        Assert.Null(CookieCatalogue.BuiltIn.Find("__hs_opt_out"));
    }

    [Theory]
    [InlineData("tp_part", "tracker.example", false)]
    [InlineData("tp_part", "t.tailtarget.com", true)]
    [InlineData("tp_part", "x.t.tailtarget.com", true)]
    [InlineData("SR_x", "adform.net", true)]
    [InlineData("SR_x", "shop.example", false)]
    [InlineData("_session", "shop.example", false)]
    public void APrefixTheDatabaseTiesToAHostOnlyMatchesCookiesOfThatHost(string name, string host, bool matches)
    {
        var found = CookieCatalogue.Load(Copy).Find(name, host);
        Assert.Equal(matches, found is { Source: "Open Cookie Database" });
    }
}
