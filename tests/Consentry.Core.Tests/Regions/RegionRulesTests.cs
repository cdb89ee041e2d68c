using Consentry.Core.Tests.Manifests;
using Consentry.Diagnostics;
using Consentry.Regions;
using static Consentry.Core.Tests.Manifests.ManifestText;

namespace Consentry.Core.Tests.Regions;

public sealed class RegionRulesTests
{
    private const string Rules = """
        regions:
          EEA: opt-in
          GB: opt-in
          US-PRIVACY: opt-out
          US-TX: notice
          US: none
          BR: notice
        """;

    [Theory]
    [InlineData("FR", null, ConsentModel.OptIn)]
    [InlineData("DE", "BY", ConsentModel.OptIn)]
    [InlineData("US", "CA", ConsentModel.OptOut)]
    [InlineData("US", "TX", ConsentModel.Notice)]
    [InlineData("US", "FL", ConsentModel.None)]
    [InlineData("BR", null, ConsentModel.Notice)]
    [InlineData("JP", null, ConsentModel.OptIn)]
    public void TheMostSpecificRuleGivesTheModel(string country, string? subdivision, ConsentModel expected) =>
        Assert.Equal(expected, Valid(With(extra: Rules)).ConsentModelFor(new VisitorRegion(country, subdivision)));

    [Fact]
    public void AnUnknownRegionGetsOptIn() => Assert.Equal(ConsentModel.OptIn, Valid(With(extra: Rules)).ConsentModelFor(null));

    [Fact]
    public void AManifestWithoutRegionsIsOptInEverywhere() => Assert.Equal(ConsentModel.OptIn, Valid(With()).ConsentModelFor(new VisitorRegion("US", "CA")));

    [Fact]
    public void ACountrySplitBySubdivisionWithTheSubdivisionUnknownGetsTheStrictestOfItsModels() =>
        Assert.Equal(ConsentModel.OptOut, Valid(With(extra: Rules)).ConsentModelFor(new VisitorRegion("US")));

    [Theory]
    [InlineData("us", "ca", "US-CA")]
    [InlineData("US", "US-CA", "US-CA")]
    [InlineData(" fr ", null, "FR")]
    [InlineData("US", "ZZ", "US")]
    [InlineData("US", "../x", "US")]
    public void HeadersGiveACountryAndAKnownSubdivision(string country, string? subdivision, string code) =>
        Assert.Equal(code, VisitorRegion.FromHeaders(country, subdivision)?.Code);

    [Theory]
    [InlineData("XX")]
    [InlineData("T1")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("USA")]
    [InlineData("<script>")]
    public void AMissingOrMalformedCountryIsNoRegion(string? country) => Assert.Null(VisitorRegion.FromHeaders(country, "CA"));

    [Theory]
    [InlineData("EAA", "did you mean 'EEA'")]
    [InlineData("fr", "Write it in capitals: 'FR'")]
    [InlineData("ZZ", "two-letter country")]
    [InlineData("US-ZZ", "subdivision such as 'US-CA'")]
    public void AnUnknownRegionCodeIsALocatedError(string code, string fix)
    {
        var d = Single(Load(With(extra: $"regions:\n  EEA: opt-in\n  {code}: opt-in")), DiagnosticCodes.UnknownRegion);
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Equal(new SourceLocation("cookies.yaml", 14, 3), d.Location);
        Assert.Contains(fix, d.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownModelIsALocatedError()
    {
        var d = Single(Load(With(extra: "regions:\n  US-PRIVACY: opt_out")), DiagnosticCodes.InvalidValue);
        Assert.Equal(new SourceLocation("cookies.yaml", 13, 15), d.Location);
        Assert.Contains("opt-in, opt-out, notice, none", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupsThatDisagreeAreAConflictUnlessEachSharedRegionIsNamed()
    {
        var d = Single(Load(With(extra: "regions:\n  EU: opt-in\n  EEA: notice")), DiagnosticCodes.RegionConflict);
        Assert.Equal(new SourceLocation("cookies.yaml", 14, 3), d.Location);
        Assert.Contains("'EEA' (notice) and 'EU' (opt-in, line 13) both hold AT, BE, BG, CY, CZ and 22 more", d.Message, StringComparison.Ordinal);
        var settled = string.Join("\n", new[] { "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE" }.Select(c => $"  {c}: opt-in"));
        Assert.DoesNotContain(Load(With(extra: $"regions:\n  EU: opt-in\n  EEA: notice\n{settled}")).Diagnostics, x => x.Code == DiagnosticCodes.RegionConflict);
    }

    [Theory]
    [InlineData("EEA: opt-out", "EEA", true)]
    [InlineData("GB: notice", "GB", true)]
    [InlineData("FR-75: none", "FR-75", true)]
    [InlineData("US-PRIVACY: opt-out", null, false)]
    public void AnOptInRegionGivenLessIsAWarning(string line, string? region, bool warned)
    {
        var found = Load(With(extra: "regions:\n  " + line)).Diagnostics.Where(d => d.Code == DiagnosticCodes.RegionWeakerThanLaw).ToList();
        Assert.Equal(warned, found.Count == 1);
        if (warned)
        {
            Assert.Equal(Severity.Warning, found[0].Severity);
            Assert.Equal($"Use '{region}: opt-in'.", found[0].Fix);
        }
    }
}
