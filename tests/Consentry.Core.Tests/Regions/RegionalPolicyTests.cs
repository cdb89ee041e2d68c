using Consentry.Localization;
using Consentry.Policy;
using static Consentry.Core.Tests.Manifests.ManifestText;

namespace Consentry.Core.Tests.Regions;

/// <summary>The policy's "Where you are" section: present when some region is asked otherwise than opt-in, in every language.</summary>
public sealed class RegionalPolicyTests
{
    private const string Items = "  - { name: _stats, category: analytics, purpose: Counts visits., duration: 1y }\n  - { name: _ad, category: marketing, purpose: Targets ads., duration: 90d }\n  - { name: consent, category: necessary, purpose: Stores your choice., duration: 6mo }";

    private static string Policy(string regions, string language = "en", string consent = "consent:\n  cookie: consent\n  global_privacy_control: ignore") =>
        PolicyRenderer.Render(Valid(With(Items, consent + "\n" + regions)), PolicyFormat.Text, language);

    private const string Mixed = "regions:\n  EEA: opt-in\n  US-PRIVACY: opt-out\n  US: notice\n  JP: none";

    [Fact]
    public void APolicyWithoutRegionsHasNoRegionalSection()
    {
        var policy = Policy("");
        Assert.DoesNotContain(". Where you are\n", policy, StringComparison.Ordinal);
        Assert.Contains("We do not act on Global Privacy Control (GPC) signals.", policy, StringComparison.Ordinal);
        Assert.DoesNotContain(". Where you are\n", Policy("regions:\n  EEA: opt-in\n  US: opt-in"), StringComparison.Ordinal);
    }

    [Fact]
    public void EachModelGetsARowWithItsRegionsAndEverywhereElseIsOptIn()
    {
        var policy = Policy(Mixed);
        Assert.Contains(". Where you are\n", policy, StringComparison.Ordinal);
        static string Row(string where, string how) => $"  * {where}\n      How we ask: {how}";
        Assert.Contains(Row("US states with consumer privacy laws (CA, VA, CO, CT, UT, TX, OR, MT, IA, DE, NE, NH, NJ, TN, MN, MD, IN, KY, RI)", "You opt out:"), policy, StringComparison.Ordinal);
        Assert.Contains(Row("US", "We inform you in a notice:"), policy, StringComparison.Ordinal);
        Assert.Contains(Row("JP", "We show no banner:"), policy, StringComparison.Ordinal);
        Assert.Contains(Row("European Economic Area", "You opt in:"), policy, StringComparison.Ordinal);
        Assert.Contains(Row("Everywhere else, and wherever we cannot tell where you are", "You opt in:"), policy, StringComparison.Ordinal);
    }

    [Fact]
    public void WhereVisitorsOptOutThePolicyStatesTheirRightsAndThatGpcIsTheirOptOut()
    {
        var policy = Policy(Mixed);
        Assert.Contains("choose “Do not sell or share my personal information” in the banner, or “Cookie settings” at any time. A Global Privacy Control signal from your browser is that opt-out", policy, StringComparison.Ordinal);
        // The signals section no longer says GPC is ignored: it is honoured where the law makes it an opt-out.
        Assert.DoesNotContain("We do not act on Global Privacy Control (GPC) signals.", policy, StringComparison.Ordinal);
        Assert.Contains("Where the law makes a Global Privacy Control (GPC) signal an opt-out (see “Where you are”), we honour it", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("you have the right to opt out", Policy("regions:\n  JP: none"), StringComparison.Ordinal);
    }

    [Fact]
    public void TheOptInStatementForEuropeIsMadeOnlyWhileTheManifestKeepsEuropeOptIn()
    {
        const string Statement = "In the European Economic Area, the United Kingdom and Switzerland, the law requires your consent";
        Assert.Contains(Statement, Policy(Mixed), StringComparison.Ordinal);
        Assert.DoesNotContain(Statement, Policy("regions:\n  GB: notice"), StringComparison.Ordinal);
        Assert.DoesNotContain(Statement, Policy("regions:\n  EU: none"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryLanguageHasTheSectionWithNoPlaceholderLeft(string language)
    {
        var t = PolicyTexts.For(language);
        var policy = Policy(Mixed, language);
        Assert.Contains(". " + t["region_heading"] + "\n", policy, StringComparison.Ordinal);
        Assert.Contains(t["region_eea"], policy, StringComparison.Ordinal);
        Assert.Contains(t["banner_optout_reject_all"], policy, StringComparison.Ordinal);
        Assert.DoesNotContain("{", policy, StringComparison.Ordinal);
    }

    public static TheoryData<string> Languages() => [.. PolicyTexts.Languages];
}
