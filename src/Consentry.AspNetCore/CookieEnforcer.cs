using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Consentry.AspNetCore;

/// <summary>
/// Decides whether a Set-Cookie of a Consentry site may be issued: a declared cookie whose category needs consent is
/// dropped unless the visitor granted it; a strictly necessary or exempt one always passes; an undeclared one passes
/// only where nothing needs consent or when the host marked it <see cref="CookieOptions.IsEssential"/> (ASP.NET Core's
/// own rule for a site that asks for consent), and is logged.
/// </summary>
internal sealed class CookieEnforcer(ConsentryOptions options, IHostEnvironment environment, ILogger<CookieEnforcer> logger)
{
    private readonly ConcurrentDictionary<string, byte> _logged = new(StringComparer.Ordinal);

    public bool Issues(ConsentrySite site, HttpContext context, string name, CookieOptions? cookie)
    {
        var item = site.FindCookie(name);
        if (item is null)
        {
            if (options.StrictUndeclaredCookies && environment.IsDevelopment())
            {
                throw new InvalidOperationException($"Set-Cookie '{name}' is not declared in the cookie manifest {site.Manifest.Path}. Declare it under 'items:' (strict mode, Development).");
            }

            if (_logged.TryAdd(site.Manifest.Path + "\0u:" + name, 0))
            {
                ConsentryLog.UndeclaredCookie(logger, name, site.Manifest.Path);
            }

            return !site.BannerRequired || cookie?.IsEssential == true;
        }

        if (!site.NeedsConsent(item))
        {
            return true;
        }

        var granted = context.GetConsent().IsGranted(item.Category, item.Provider);
        if (!granted && _logged.TryAdd(site.Manifest.Path + "\0d:" + name, 0))
        {
            ConsentryLog.CookieDropped(logger, name, item.Category);
        }

        return granted;
    }
}
