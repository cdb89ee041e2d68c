using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Consentry.AspNetCore;

/// <summary>
/// A Consentry site's response cookies: each Set-Cookie goes through <see cref="CookieEnforcer"/> and, when it may be
/// issued, on to the cookies it wraps. Installed under ASP.NET Core's cookie policy, so the host's policy (its
/// <c>OnAppendCookie</c>, <c>Secure</c>, <c>SameSite</c>, <c>HttpOnly</c>) applies first and Consentry decides last;
/// deleting is never stopped.
/// </summary>
internal sealed class ConsentedResponseCookies(ConsentrySite site, HttpContext context, IResponseCookiesFeature inner, CookieEnforcer enforcer)
    : IResponseCookiesFeature, IResponseCookies
{
    public IResponseCookies Cookies => this;

    public void Append(string key, string value)
    {
        if (enforcer.Issues(site, context, key, null))
        {
            inner.Cookies.Append(key, value);
        }
    }

    public void Append(string key, string value, CookieOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (enforcer.Issues(site, context, key, options))
        {
            inner.Cookies.Append(key, value, options);
        }
    }

    public void Delete(string key) => inner.Cookies.Delete(key);

    public void Delete(string key, CookieOptions options) => inner.Cookies.Delete(key, options);
}
