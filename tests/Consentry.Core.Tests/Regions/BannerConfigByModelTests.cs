using System.Text.Json;
using Consentry.Banner;
using Consentry.Localization;
using Consentry.Regions;
using static Consentry.Core.Tests.Manifests.ManifestText;

namespace Consentry.Core.Tests.Regions;

/// <summary>The banner's configuration for each consent model: what is on before a choice, the words, whether a banner shows.</summary>
public sealed class BannerConfigByModelTests
{
    private const string Analytics = "  - { name: _stats, category: analytics, purpose: Counts visits., duration: 1y }\n  - { name: _ad, category: marketing, purpose: Targets ads., duration: 90d }\n  - { name: consent, category: necessary, purpose: Stores your choice., duration: 6mo }";
    private const string ConsentCookie = "consent:\n  cookie: consent";

    private static JsonElement Config(ConsentModel model, string[]? languages = null) =>
        JsonDocument.Parse(BannerConfigWriter.Write(Valid(With(Analytics, ConsentCookie)), "/policy", null, null, null, languages ?? ["en"], model)).RootElement;

    [Fact]
    public void OptInIsTheConfigurationWithoutAModel() =>
        Assert.Equal(BannerConfigWriter.Write(Valid(With(Analytics, ConsentCookie)), "/policy", null, null, null, ["en"]), BannerConfigWriter.Write(Valid(With(Analytics, ConsentCookie)), "/policy", null, null, null, ["en"], ConsentModel.OptIn));

    [Theory]
    [InlineData(ConsentModel.OptOut, "opt-out", true)]
    [InlineData(ConsentModel.Notice, "notice", true)]
    [InlineData(ConsentModel.None, "none", false)]
    public void OutsideOptInEveryConsentCategoryIsOnBeforeAChoice(ConsentModel model, string name, bool banner)
    {
        var config = Config(model);
        Assert.Equal(name, config.GetProperty("model").GetString());
        var offered = config.GetProperty("categories").EnumerateArray().Where(c => !c.GetProperty("locked").GetBoolean()).Select(c => c.GetProperty("id").GetString());
        Assert.Equal(offered, config.GetProperty("pre").EnumerateArray().Select(c => c.GetString()));
        Assert.NotEmpty(offered);
        Assert.Equal(banner, config.GetProperty("bannerRequired").GetBoolean());
    }

    [Fact]
    public void OptOutHonoursGlobalPrivacyControlAndSpeaksOfSellingAndSharingInEveryLanguage()
    {
        var config = Config(ConsentModel.OptOut, [.. PolicyTexts.Languages]);
        Assert.True(config.GetProperty("gpc").GetBoolean());
        foreach (var lang in PolicyTexts.Languages)
        {
            var texts = config.GetProperty("texts").GetProperty(lang);
            var optIn = Config(ConsentModel.OptIn, [lang]).GetProperty("texts").GetProperty(lang);
            foreach (var key in new[] { "title", "body", "reject_all", "settings" })
            {
                Assert.NotEqual(optIn.GetProperty(key).GetString(), texts.GetProperty(key).GetString());
            }

            Assert.Equal(optIn.GetProperty("accept_all").GetString(), texts.GetProperty("accept_all").GetString());
        }
    }

    [Fact]
    public void NoticeSaysTheSiteInformsAndKeepsTheConsentWordsElsewhere()
    {
        var notice = Config(ConsentModel.Notice).GetProperty("texts").GetProperty("en");
        var optIn = Config(ConsentModel.OptIn).GetProperty("texts").GetProperty("en");
        Assert.NotEqual(optIn.GetProperty("body").GetString(), notice.GetProperty("body").GetString());
        Assert.Equal(optIn.GetProperty("reject_all").GetString(), notice.GetProperty("reject_all").GetString());
    }

    [Fact]
    public void TheSitesOwnOptOutAndNoticeWordsReplaceConsentrysWhereTheManifestGivesThem()
    {
        var manifest = Valid(With(Analytics, ConsentCookie + "\nbanner:\n  optout_reject_all: Opt me out of {site}\n  notice_body: Heads up.\nregions:\n  US-PRIVACY: opt-out"));
        JsonElement En(ConsentModel model) => JsonDocument.Parse(BannerConfigWriter.Write(manifest, "/policy", null, null, null, ["en"], model)).RootElement.GetProperty("texts").GetProperty("en");
        Assert.Equal("Opt me out of Test", En(ConsentModel.OptOut).GetProperty("reject_all").GetString());
        Assert.Equal("Your privacy choices", En(ConsentModel.OptOut).GetProperty("settings").GetString());
        Assert.Equal("Heads up.", En(ConsentModel.Notice).GetProperty("body").GetString());
        Assert.Equal("Reject all", En(ConsentModel.OptIn).GetProperty("reject_all").GetString());
        // The policy names the button as the banner shows it.
        Assert.Contains("choose “Opt me out of Test” in the banner", Consentry.Policy.PolicyRenderer.Render(manifest, Consentry.Policy.PolicyFormat.Text), StringComparison.Ordinal);
    }
}
