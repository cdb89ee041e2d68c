using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;

namespace Consentry.AspNetCore.Tests.Hostile;

/// <summary>The served policy is a page on the site's behalf: it must not run, load or be framed by anything it did not choose.</summary>
public sealed class PolicyHeaderTests
{
    [Fact]
    public async Task ThePolicyPageCarriesAStrictCspThatAdmitsOnlyItsOwnStyle()
    {
        await using var site = await TestSite.StartAsync(TestSite.Example("claimcmr"));
        using var response = await site.Client.GetAsync("/consentry/policy", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var style = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)));
        Assert.StartsWith("default-src 'none'; ", csp, StringComparison.Ordinal);
        Assert.Contains($"style-src 'sha256-{hash}';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("frame-ancestors 'self' https://claimcmr.com https://*.claimcmr.com", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("SAMEORIGIN", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Fact]
    public async Task ThePolicyJsonCannotBeRenderedOrFramed()
    {
        await using var site = await TestSite.StartAsync(TestSite.Example("claimcmr"));
        using var response = await site.Client.GetAsync("/consentry/policy.json", TestContext.Current.CancellationToken);
        Assert.Equal("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task AVaryTheHostSetIsKeptBesideAcceptLanguage()
    {
        await using var site = await TestSite.StartAsync(TestSite.Example("claimcmr"), first: app => app.Use((c, next) =>
        {
            c.Response.Headers.Vary = "Origin";
            return next(c);
        }));
        using var response = await site.Client.GetAsync("/consentry/policy", TestContext.Current.CancellationToken);
        Assert.Equal(["Origin", "Accept-Language"], response.Headers.Vary);
    }
}
