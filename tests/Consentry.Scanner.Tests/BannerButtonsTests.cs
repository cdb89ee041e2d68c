using Consentry.Scanner.Collect;

namespace Consentry.Scanner.Tests;

/// <summary>The scanner finds Consentry's own buttons by their words in every built-in language.</summary>
public sealed class BannerButtonsTests
{
    [Theory]
    [InlineData("Reject all")]
    [InlineData("Do not sell or share my personal information")]
    [InlineData("Meine personenbezogenen Daten nicht verkaufen oder weitergeben")]
    public void TheRejectButtonIsKnownByItsOptInAndItsOptOutWords(string words) =>
        Assert.Contains("|" + System.Text.RegularExpressions.Regex.Escape(words) + "|", "|" + Consentry().Reject.Split("'^(")[1].Split(")$'")[0] + "|", StringComparison.Ordinal);

    [Fact]
    public void TheAcceptButtonIsNotTakenForTheOptOutOne() =>
        Assert.DoesNotContain("Do not sell", Consentry().Accept, StringComparison.Ordinal);

    private static (string Platform, string Reject, string Accept) Consentry() => BannerButtons.Known.Single(k => k.Platform == "Consentry");
}
