using Consentry.AspNetCore.TagHelpers;
using Consentry.Manifests;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Consentry.AspNetCore.Tests;

public sealed class TagHelperTests
{
    private static TagHelperOutput Output(string tag, params TagHelperAttribute[] attributes) =>
        new(tag, new TagHelperAttributeList(attributes), (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));

    private static TagHelperContext Context(string tag) => new(tag, [], new Dictionary<object, object>(), "id");

    [Fact]
    public void ConsentScriptBecomesInertTextPlainWithItsCategoryAndService()
    {
        var output = Output("script", new TagHelperAttribute("src", "/ph.js"), new TagHelperAttribute("type", "module"));
        new ConsentScriptTagHelper { Consent = "analytics", ConsentService = "posthog" }.Process(Context("script"), output);
        Assert.Equal("text/plain", output.Attributes["type"].Value);
        Assert.Equal("module", output.Attributes["data-type"].Value);
        Assert.Equal("analytics", output.Attributes["data-consent"].Value);
        Assert.Equal("posthog", output.Attributes["data-service"].Value);
        Assert.Equal("/ph.js", output.Attributes["src"].Value);
    }

    [Fact]
    public void ConsentScriptWithoutACategoryIsRefused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new ConsentScriptTagHelper().Process(Context("script"), Output("script")));
        Assert.Contains("consent=\"analytics\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BannerTagCarriesIntegrityNonceAndConsentModeFlag()
    {
        var text = File.ReadAllText(RepoPaths.Example("claimcmr")).Replace("global_privacy_control: honour", "global_privacy_control: honour\n  google_consent_mode: true", StringComparison.Ordinal);
        var site = new ConsentrySite(ManifestLoader.Parse(text, "claimcmr.yaml").GetValidManifest(), "/consentry");
        var tag = BannerTags.FileTag(site, "/app/consentry", "abc123", synchronous: true);
        Assert.Equal($"<script src=\"/app/consentry/banner.js\" integrity=\"{site.Script.Integrity}\" crossorigin=\"anonymous\" nonce=\"abc123\" data-gcm></script>", tag);
        Assert.StartsWith("sha384-", site.Script.Integrity, StringComparison.Ordinal);
        // Synchronous: the page's own host serves it, and the first frame shows the banner.
        Assert.DoesNotContain("async", tag, StringComparison.Ordinal);
        Assert.DoesNotContain("defer", tag, StringComparison.Ordinal);
        Assert.EndsWith(" async></script>", BannerTags.FileTag(site, "https://consent.example/consentry", null, synchronous: false), StringComparison.Ordinal);
    }

    [Fact]
    public void TheIntegrityHashIsTheServedScriptsSha384()
    {
        var site = new ConsentrySite(ManifestLoader.Load(RepoPaths.Example("claimcmr")).GetValidManifest(), "/consentry");
        var expected = "sha384-" + Convert.ToBase64String(System.Security.Cryptography.SHA384.HashData(site.Script.Content));
        Assert.Equal(expected, site.Script.Integrity);
    }
}
