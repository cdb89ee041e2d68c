using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
        app.MapGet("/own", (HttpContext c) => c.RequestServices.GetRequiredService<ConsentrySite>().ScriptTag("", c));
        app.MapGet("/same", (HttpContext c) =>
        {
            var site = c.RequestServices.GetRequiredService<ConsentrySite>();
            return ReferenceEquals(BannerTags.InlineConfig(site, c), BannerTags.InlineConfig(site, c)).ToString();
        });
    });

    private static async Task<string> GetAsync(TestSite site, string path, string acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
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

        // Served by the page's own host: synchronous, so the browser's first frame shows the banner.
        Assert.EndsWith("<script src=\"/consentry/banner.js\" integrity=\"" + site.Services.GetRequiredService<ConsentrySite>().Script.Integrity + "\" crossorigin=\"anonymous\"></script>", await GetAsync(site, "/own", "en"), StringComparison.Ordinal);
        Assert.Contains("\"de\"", await GetAsync(site, "/page", "de-DE"), StringComparison.Ordinal);
        Assert.DoesNotContain("\"de\"", await GetAsync(site, "/page", "en-GB"), StringComparison.Ordinal);
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
