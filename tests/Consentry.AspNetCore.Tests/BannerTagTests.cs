using System.Text.Json.Nodes;
using System.Text.Encodings.Web;
using Consentry.AspNetCore.TagHelpers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace Consentry.AspNetCore.Tests;

/// <summary>
/// The banner's tags for a page rendered per visitor (<c>ConsentrySite.ScriptTag(origin, request)</c>, the tag helper):
/// the visitor's configuration inline, as <c>config.json</c> would give it, and the banner loaded <c>async</c>.
/// </summary>
public sealed class BannerTagTests : IDisposable
{
    private const string Marker = "<script type=\"application/json\" id=\"consentry-config\">";
    private readonly string _dir = Directory.CreateTempSubdirectory("consentry-tags-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<TestSite> StartAsync(string manifestPath) => TestSite.StartAsync(manifestPath, first: app =>
    {
        app.MapGet("/page", (HttpContext c) => c.RequestServices.GetRequiredService<ConsentrySite>().ScriptTag("https://consent.example", c));
        app.MapGet("/own", (HttpContext c, string? csp) =>
        {
            if (csp is not null)
            {
                c.Response.Headers.ContentSecurityPolicy = csp;
            }

            return c.RequestServices.GetRequiredService<ConsentrySite>().ScriptTag("", c);
        });
        app.MapGet("/helper", (HttpContext c, string? nonce, string? csp) =>
        {
            if (csp is not null)
            {
                c.Response.Headers.ContentSecurityPolicy = csp;
            }

            var output = new TagHelperOutput("consentry-banner", [], (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));
            new ConsentryBannerTagHelper { Nonce = nonce, ViewContext = new ViewContext { HttpContext = c } }
                .Process(new TagHelperContext("consentry-banner", [], new Dictionary<object, object>(), "id"), output);
            using var html = new StringWriter();
            output.WriteTo(html, HtmlEncoder.Default);
            return html.ToString();
        });
        app.MapGet("/same", (HttpContext c) =>
        {
            var site = c.RequestServices.GetRequiredService<ConsentrySite>();
            return ReferenceEquals(BannerTags.InlineConfig(site, c), BannerTags.InlineConfig(site, c)).ToString();
        });
    });

    private static async Task<string> GetAsync(TestSite site, string path, string acceptLanguage, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await site.Client.SendAsync(request, Token);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(Token);
    }

    private static string InlineJson(string tags)
    {
        var start = tags.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(start == 0, $"The tags do not start with the inline configuration: {tags}");
        var end = tags.IndexOf("</script>", start, StringComparison.Ordinal);
        return tags[(start + Marker.Length)..end];
    }

    [Fact]
    public async Task APageForAVisitorCarriesTheConfigurationConfigJsonGivesThatVisitorAndLoadsTheBannerFromItsOwnHostSynchronously()
    {
        await using var site = await StartAsync(TestSite.Example("claimcmr"));
        foreach (var languages in new[] { "de-DE,fr;q=0.8", "en-GB", "" })
        {
            var tags = await GetAsync(site, "/page", languages);
            var served = await GetAsync(site, "/consentry/config.json", languages);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(served), JsonNode.Parse(InlineJson(tags))), $"For '{languages}' the inline configuration differs from config.json:\n{tags}\n{served}");
            Assert.DoesNotContain("config.json", tags, StringComparison.Ordinal);
            Assert.Contains("<link rel=\"preload\" href=\"https://consent.example/consentry/banner.css\" as=\"style\">", tags, StringComparison.Ordinal);
            Assert.EndsWith("<script src=\"https://consent.example/consentry/banner.js\" integrity=\"" + site.Services.GetRequiredService<ConsentrySite>().Script.Integrity + "\" crossorigin=\"anonymous\" async></script>", tags, StringComparison.Ordinal);
        }

        // Served by the page's own host to a visitor who has chosen: the cached file, synchronous, so the browser's first
        // frame has the banner's choices applied (and its settings link).
        Assert.EndsWith(FileTag(site), await GetAsync(site, "/own", "en", Chosen), StringComparison.Ordinal);
        Assert.Contains("\"de\"", await GetAsync(site, "/page", "de-DE"), StringComparison.Ordinal);
        Assert.DoesNotContain("\"de\"", await GetAsync(site, "/page", "en-GB"), StringComparison.Ordinal);
    }

    private static readonly string Chosen = "claimcmr_cookie_consent=" + TestSite.ConsentCookie(1, ["necessary"], []);

    private static string FileTag(TestSite site) =>
        "<script src=\"/consentry/banner.js\" integrity=\"" + site.Services.GetRequiredService<ConsentrySite>().Script.Integrity + "\" crossorigin=\"anonymous\"></script>";

    [Fact]
    public async Task AVisitorWhoHasNotChosenGetsTheBannersCodeInThePageServedByItsOwnHost()
    {
        await using var site = await StartAsync(TestSite.Example("claimcmr"));
        var code = await site.Client.GetStringAsync("/consentry/banner.js", Token);
        var style = await site.Client.GetStringAsync("/consentry/banner.css", Token);
        var tags = await GetAsync(site, "/own", "en");
        Assert.StartsWith(Marker, tags, StringComparison.Ordinal);
        Assert.EndsWith("</script><style>" + style + "</style><script data-config=\"/consentry/config.json\" data-no-css>" + code + "</script>", tags, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", tags, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src=", tags, StringComparison.Ordinal);
        // The choice made, the next page loads the cached file.
        Assert.EndsWith(FileTag(site), await GetAsync(site, "/own", "en", Chosen), StringComparison.Ordinal);
        // A choice for an older revision asks again: the banner will be on screen, so its code comes with the page.
        Assert.Contains(code, await GetAsync(site, "/own", "en", "claimcmr_cookie_consent=" + TestSite.ConsentCookie(0, ["necessary"], [])), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AResponseWithItsOwnContentSecurityPolicyAndNoNonceGetsTheFileInstead()
    {
        await using var site = await StartAsync(TestSite.Example("claimcmr"));
        Assert.EndsWith(FileTag(site), await GetAsync(site, "/own?csp=script-src%20'self'", "en"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTagHelperPutsTheBannersCodeInThePageWithTheNonceOrTheFileWhenAPolicyWouldRefuseIt()
    {
        await using var site = await StartAsync(TestSite.Example("claimcmr"));
        var code = await site.Client.GetStringAsync("/consentry/banner.js", Token);
        var inline = await GetAsync(site, "/helper?nonce=n1&csp=script-src%20'nonce-n1'", "en");
        Assert.Contains("<style nonce=\"n1\">", inline, StringComparison.Ordinal);
        Assert.EndsWith("<script data-config=\"/consentry/config.json\" data-no-css nonce=\"n1\">" + code + "</script>", inline, StringComparison.Ordinal);
        Assert.StartsWith(Marker, inline, StringComparison.Ordinal);
        var file = await GetAsync(site, "/helper?csp=script-src%20'self'", "en");
        Assert.EndsWith(FileTag(site), file, StringComparison.Ordinal);
        Assert.EndsWith(FileTag(site).Replace("\"></script>", "\" nonce=\"n1\"></script>", StringComparison.Ordinal), await GetAsync(site, "/helper?nonce=n1", "en", Chosen), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithInliningOffEveryVisitorGetsTheFile()
    {
        await using var site = await TestSite.StartAsync(TestSite.Example("claimcmr"), o => o.InlineBannerBeforeChoice = false, first: app =>
            app.MapGet("/own", (HttpContext c) => c.RequestServices.GetRequiredService<ConsentrySite>().ScriptTag("", c)));
        Assert.EndsWith(FileTag(site), await GetAsync(site, "/own", "en"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoTextOfTheManifestCanCloseTheInlineConfigurationOrOpenAComment()
    {
        const string hostile = "</script><script>alert(1)</script><!-- <SCRIPT";
        var path = Path.Combine(_dir, "cookies.yaml");
        File.WriteAllText(path, File.ReadAllText(TestSite.Example("claimcmr")) + $"banner:\n  title: {{ en: '{hostile}' }}\n");
        await using var site = await StartAsync(path);
        var tags = await GetAsync(site, "/page", "en");
        var json = InlineJson(tags);
        Assert.DoesNotContain('<', json);
        Assert.Equal(hostile, JsonNode.Parse(json)!["texts"]!["en"]!["title"]!.GetValue<string>());
        // One data block and one script: nothing the text tried to open.
        Assert.Equal(3, tags.Split("<script", StringSplitOptions.None).Length);
    }

    [Fact]
    public async Task EachVariantOfTheInlineConfigurationIsMadeOnce()
    {
        await using var site = await StartAsync(TestSite.Example("claimcmr"));
        Assert.Equal("True", await GetAsync(site, "/same", "de-DE"));
    }
}
