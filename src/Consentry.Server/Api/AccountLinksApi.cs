using Consentry.AspNetCore;
using Consentry.Domains;
using Consentry.Ledger.Stores;
using Consentry.Regions;
using Consentry.Server.Accounts;
using Consentry.Server.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Consentry.Server.Api;

/// <summary>
/// <c>/api/v1/sites/{site}/account-links</c>: consent that follows a signed-in account, for sites on any stack. The
/// site's back end calls it on every page load of a signed-in visitor (a key with write access to the site) and passes
/// the <c>Set-Cookie</c> it answers on to the browser. The account id is stored only as a keyed hash.
/// </summary>
internal static class AccountLinksApi
{
    private const int MaxCookies = 2;
    private const int MaxCookieLength = 4096;
    private const int MaxUserAgentLength = 4096;
    private const int MaxBodyBytes = 32 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var links = api.MapGroup("/sites/{site}/account-links").WithTags("Account links");
        links.MapPost("/", LinkAsync).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithSummary("A signed-in visitor's page load: {accountId, consentCookies, pageUrl, userAgent?, region?}. Answers {outcome, consent, setCookie}: with outcome 'applied', pass setCookie on as the response's Set-Cookie header.");
        links.MapPost("/forget", ForgetAsync).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithSummary("Forget an account's link, e.g. when the account is deleted: {accountId}. 204 forgotten, 404 none was kept. Its receipts stay.");
    }

    private static async Task<IResult> LinkAsync(string site, AccountLinkRequest body, HttpContext c, ConsentrySites sites, IConsentLinks links, ConsentryOptions options, CancellationToken ct)
    {
        if (Refused(site, c, sites, options, out var served) is { } refused)
        {
            return refused;
        }

        if (Invalid(body, served!) is { } problem)
        {
            return ApiResults.BadRequest(problem);
        }

        var result = await Ledger(() => links.LinkAsync(served!, new ConsentLinkRequest
        {
            AccountId = body.AccountId!,
            ConsentCookies = body.ConsentCookies ?? [],
            PageUrl = new Uri(body.PageUrl!),
            UserAgent = body.UserAgent,
            Region = Region(body.Region),
        }, ct));
        return result.Value is { } r ? TypedResults.Ok(new AccountLinkView(r.Outcome, AccountLinkConsent.Of(r.Consent), r.SetCookie)) : result.Problem!;
    }

    private static async Task<IResult> ForgetAsync(string site, AccountForgetRequest body, HttpContext c, ConsentrySites sites, IConsentLinks links, ConsentryOptions options, AuditTrail audit, CancellationToken ct)
    {
        if (Refused(site, c, sites, options, out var served) is { } refused)
        {
            return refused;
        }

        if (AccountIdProblem(body.AccountId) is { } problem)
        {
            return ApiResults.BadRequest(problem);
        }

        var result = await Ledger(() => links.UnlinkAsync(served!, body.AccountId!, ct));
        if (result.Problem is { } unavailable)
        {
            return unavailable;
        }

        await audit.RecordAsync(Access.Actor(c.User), "account-links.forget", site, result.Value ? "link forgotten" : "no link kept", ct);
        return result.Value ? TypedResults.NoContent() : ApiResults.NotFound("A link of this account");
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Refused(string site, HttpContext c, ConsentrySites sites, ConsentryOptions options, out ConsentrySite? served)
    {
        served = null;
        if (!Access.CanWrite(c.User, site))
        {
            return ApiResults.Forbidden($"link accounts on site '{site}'");
        }

        served = sites.Find(site);
        if (served is null)
        {
            return ApiResults.NotFound($"Site '{site}'");
        }

        return options.AccountLinkSecret is null
            ? ApiResults.Conflict("Account linking is off: this server has no account-link secret (with PostgreSQL none is made). Fix: give every instance the same one, as AccountLinkSecret (env CONSENTRY_ACCOUNTLINKSECRET, at least 32 bytes) or AccountLinkSecretFile.")
            : null;
    }

    private static string? Invalid(AccountLinkRequest body, ConsentrySite site)
    {
        if (AccountIdProblem(body.AccountId) is { } problem)
        {
            return problem;
        }

        if (body.ConsentCookies is { } cookies && (cookies.Length > MaxCookies || cookies.Any(v => v is null || v.Length > MaxCookieLength)))
        {
            return $"'consentCookies' holds the values of the site's consent cookie the browser sent: at most {MaxCookies}, each at most {MaxCookieLength} characters.";
        }

        if (!Uri.TryCreate(body.PageUrl, UriKind.Absolute, out var page) || page.Scheme is not ("http" or "https"))
        {
            return "'pageUrl' must be the absolute http(s) URL of the page being loaded.";
        }

        if (!page.IsLoopback && !site.Manifest.Site.Domains.Any(d => DomainNames.IsWithin(page.Host, d)))
        {
            return $"'pageUrl' is on {page.Host}, which is not one of the site's domains ({string.Join(", ", site.Manifest.Site.Domains)}). Fix: link accounts on the site they belong to, or add the domain to site.domains in its manifest.";
        }

        if (body.UserAgent is { Length: > MaxUserAgentLength })
        {
            return $"'userAgent' is at most {MaxUserAgentLength} characters.";
        }

        return body.Region is null || Region(body.Region) is not null ? null
            : $"'region' '{body.Region}' is no ISO 3166 code: a country (FR) or a country and subdivision (US-CA).";
    }

    private static string? AccountIdProblem(string? accountId) =>
        string.IsNullOrEmpty(accountId) || accountId.Length > ConsentLinkRequest.MaxAccountIdLength
            ? $"'accountId' must be the host's id of the signed-in account: 1 to {ConsentLinkRequest.MaxAccountIdLength} characters."
            : null;

    /// <summary>The region a code names exactly (<c>FR</c>, <c>US-CA</c>); null when it names none.</summary>
    private static VisitorRegion? Region(string? code)
    {
        if (code is null)
        {
            return null;
        }

        var parts = code.Split('-', 2);
        var region = VisitorRegion.FromHeaders(parts[0], parts.Length > 1 ? parts[1] : null);
        return region is not null && region.Code.Equals(code.Trim(), StringComparison.OrdinalIgnoreCase) ? region : null;
    }

    /// <summary>Runs a ledger operation; a ledger that cannot be reached is 503 (nothing was changed).</summary>
    private static async Task<(T? Value, IResult? Problem)> Ledger<T>(Func<Task<T>> operation)
    {
        try
        {
            return (await operation(), null);
        }
        catch (LedgerUnavailableException)
        {
            return (default, TypedResults.Problem("The ledger cannot be reached; nothing was changed. Retry later.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable"));
        }
    }
}
