using System.Net;
using System.Text;

namespace Consentry.AspNetCore.Tests;

public sealed class ConsentCspTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("consentry-csp-").FullName;
    private readonly string _manifest;

    public ConsentCspTests()
    {
        // ClaimCMR with its providers' hosts declared: PostHog (analytics, needs consent), Stripe (necessary).
        var yaml = File.ReadAllText(TestSite.Example("claimcmr"))
            .Replace("    name: PostHog\n", "    name: PostHog\n    domains: [eu.posthog.com]\n", StringComparison.Ordinal)
            .Replace("    name: Stripe\n", "    name: Stripe\n    domains: [js.stripe.com]\n", StringComparison.Ordinal);
        _manifest = Path.Combine(_dir, "cookies.yaml");
        File.WriteAllText(_manifest, yaml);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task WithoutAChoiceOnlyTheSiteAndProvidersThatNeedNoConsentAreAdmitted()
    {
        await using var site = await StartAsync(ConsentCspMode.Enforce);
        using var page = await site.Client.GetAsync("/page", Token);
        var csp = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("script-src 'self' 'unsafe-inline' claimcmr.com:* *.claimcmr.com:* js.stripe.com:* *.js.stripe.com:*;", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' claimcmr.com:*", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("posthog", csp, StringComparison.Ordinal);
        Assert.EndsWith("; report-uri /consentry/csp-reports", csp, StringComparison.Ordinal);

        using var json = await site.Client.GetAsync("/consent", Token);
        Assert.False(json.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task AProviderTheVisitorGrantedIsAdmittedAndOneTheyRefusedIsNot()
    {
        await using var site = await StartAsync(ConsentCspMode.Enforce);
        Assert.Contains("eu.posthog.com:* *.eu.posthog.com:*", await PolicyAsync(site, TestSite.ConsentCookie(1, ["necessary", "analytics"], ["posthog"])), StringComparison.Ordinal);
        Assert.DoesNotContain("posthog", await PolicyAsync(site, TestSite.ConsentCookie(1, ["necessary"], [])), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADomainThatIsAnIpAddressIsAdmittedWithoutASubdomainWildcard()
    {
        var csp = await RefusingPolicyWithSiteDomainsAsync("claimcmr.com, 127.0.0.1");
        Assert.Contains("claimcmr.com:* *.claimcmr.com:* 127.0.0.1:* js.stripe.com:*", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("*.127.0.0.1", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWildcardDomainIsAdmittedOnceAsTheWildcardItIs()
    {
        var csp = await RefusingPolicyWithSiteDomainsAsync("claimcmr.com, '*.claimcmr.app'");
        Assert.Contains("claimcmr.com:* *.claimcmr.com:* *.claimcmr.app:* js.stripe.com:*", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("*.*.", csp, StringComparison.Ordinal);
    }

    /// <summary>The enforced policy for a visitor who refused everything, with <c>site.domains</c> set to <paramref name="domains"/>.</summary>
    private async Task<string> RefusingPolicyWithSiteDomainsAsync(string domains)
    {
        File.WriteAllText(_manifest, File.ReadAllText(_manifest).Replace("domains: [claimcmr.com]", $"domains: [{domains}]", StringComparison.Ordinal));
        await using var site = await StartAsync(ConsentCspMode.Enforce);
        return await PolicyAsync(site, TestSite.ConsentCookie(1, ["necessary"], []));
    }

    [Fact]
    public async Task ASiteOnAnyStackAsksForThePolicyWithTheVisitorsCookie()
    {
        await using var site = await StartAsync(ConsentCspMode.Off);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/consentry/csp");
        request.Headers.Add("Cookie", "claimcmr_cookie_consent=" + TestSite.ConsentCookie(1, ["necessary", "analytics"], ["posthog"]));
        using var response = await site.Client.SendAsync(request, Token);
        var policy = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains("eu.posthog.com", policy, StringComparison.Ordinal);
        Assert.EndsWith("report-uri /consentry/csp-reports", policy, StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("posthog", await site.Client.GetStringAsync("/consentry/csp", Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHostsOwnPolicyStaysAndConsentrysIsAddedBesideIt()
    {
        await using var site = await StartAsync(ConsentCspMode.Enforce, app => Microsoft.AspNetCore.Builder.UseExtensions.Use(app, (Microsoft.AspNetCore.Http.HttpContext c, Microsoft.AspNetCore.Http.RequestDelegate next) =>
        {
            c.Response.Headers.ContentSecurityPolicy = "default-src 'self'; object-src 'none'";
            return next(c);
        }));
        using var page = await site.Client.GetAsync("/page", Token);
        var policies = page.Headers.GetValues("Content-Security-Policy").ToList();
        Assert.Equal(2, policies.Count);
        Assert.Equal("default-src 'self'; object-src 'none'", policies[0]);
        Assert.StartsWith("script-src 'self'", policies[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportOnlyBlocksNothingAndOffAddsNothing()
    {
        await using (var reporting = await StartAsync(ConsentCspMode.ReportOnly))
        {
            using var page = await reporting.Client.GetAsync("/page", Token);
            Assert.False(page.Headers.Contains("Content-Security-Policy"));
            Assert.StartsWith("script-src 'self'", Assert.Single(page.Headers.GetValues("Content-Security-Policy-Report-Only")), StringComparison.Ordinal);
        }

        await using var off = await TestSite.StartAsync(_manifest, first: MapPage);
        using var plain = await off.Client.GetAsync("/page", Token);
        Assert.False(plain.Headers.Contains("Content-Security-Policy"));
        Assert.False(plain.Headers.Contains("Content-Security-Policy-Report-Only"));
    }

    [Fact]
    public async Task ViolationReportsAreLoggedOncePerHostAndWhatIsNotOneIsRefused()
    {
        await using var site = await StartAsync(ConsentCspMode.Enforce);
        const string Legacy = """{"csp-report":{"document-uri":"https://claimcmr.com/checkout?x=1","blocked-uri":"https://eu.posthog.com/e/","effective-directive":"connect-src"}}""";
        const string Modern = """[{"type":"csp-violation","url":"https://claimcmr.com/","body":{"documentURL":"https://claimcmr.com/","blockedURL":"https://tracker.example/p.gif","effectiveDirective":"img-src"}}]""";
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(site, Legacy, "application/csp-report"));
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(site, Legacy, "application/csp-report"));
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(site, Modern, "application/reports+json"));
        var blocked = site.Logs.Entries.Where(e => e.EventId == 7110).Select(e => e.Message).ToList();
        Assert.Equal(2, blocked.Count);
        Assert.Contains(blocked, m => m.Contains("eu.posthog.com (connect-src) on https://claimcmr.com/checkout", StringComparison.Ordinal));
        Assert.Contains(blocked, m => m.Contains("tracker.example (img-src)", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(site, "not json", "application/csp-report"));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(site, "[]", "application/reports+json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await PostAsync(site, "[" + new string(' ', 70_000) + "]", "application/reports+json"));
        Assert.All(site.Logs.Entries, e => Assert.False(e.HasException));
    }

    private Task<TestSite> StartAsync(ConsentCspMode mode, Action<Microsoft.AspNetCore.Builder.WebApplication>? before = null) =>
        TestSite.StartAsync(_manifest, o => o.ConsentCsp = mode, first: app =>
        {
            before?.Invoke(app);
            MapPage(app);
        });

    private static void MapPage(Microsoft.AspNetCore.Builder.WebApplication app) =>
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/page", () => Microsoft.AspNetCore.Http.Results.Content("<!doctype html><title>t</title>", "text/html"));

    private static async Task<string> PolicyAsync(TestSite site, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/page");
        request.Headers.Add("Cookie", "claimcmr_cookie_consent=" + cookie);
        using var response = await site.Client.SendAsync(request, Token);
        return Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
    }

    private static async Task<HttpStatusCode> PostAsync(TestSite site, string body, string contentType)
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        using var response = await site.Client.PostAsync("/consentry/csp-reports", content, Token);
        return response.StatusCode;
    }
}
