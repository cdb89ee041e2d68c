using Consentry.Manifests;

namespace Consentry.Core.Tests.Manifests;

public sealed class CookieDurationTests
{
    [Theory]
    [InlineData("session", DurationKind.Session, null)]
    [InlineData("until-cleared", DurationKind.UntilCleared, null)]
    [InlineData("until-tab-closed", DurationKind.UntilTabClosed, null)]
    [InlineData("8h", DurationKind.Fixed, 8 * 3600.0)]
    [InlineData("8 hours", DurationKind.Fixed, 8 * 3600.0)]
    [InlineData("365d", DurationKind.Fixed, 365 * 86400.0)]
    [InlineData("1y", DurationKind.Fixed, 365 * 86400.0)]
    [InlineData("1 year", DurationKind.Fixed, 365 * 86400.0)]
    [InlineData("13mo", DurationKind.Fixed, 390 * 86400.0)]
    [InlineData("30min", DurationKind.Fixed, 1800.0)]
    [InlineData("2w", DurationKind.Fixed, 14 * 86400.0)]
    public void ParsesEveryDocumentedForm(string text, DurationKind kind, double? seconds)
    {
        Assert.True(CookieDuration.TryParse(text, out var d));
        Assert.Equal(kind, d.Kind);
        Assert.Equal(seconds, d.Length?.TotalSeconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("forever")]
    [InlineData("0d")]
    [InlineData("-1d")]
    [InlineData("8 fortnights")]
    [InlineData("1.5y")]
    public void RejectsWhatIsNotADuration(string text) => Assert.False(CookieDuration.TryParse(text, out _));

    [Fact]
    public void KeepsTheUnitAsWrittenSoThePolicySaysOneYear()
    {
        Assert.True(CookieDuration.TryParse("1y", out var d));
        Assert.Equal("1y", d.ToString());
        Assert.NotEqual(new CookieDuration(DurationKind.Fixed, 365, DurationUnit.Day), d);
    }
}
