using System.Collections.Concurrent;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Consentry.AspNetCore;

/// <summary>
/// Decides, for ASP.NET Core's cookie policy (<c>OnAppendCookie</c>), whether a Set-Cookie may be issued:
/// a declared cookie whose category needs consent is dropped unless the visitor granted it; a strictly
/// necessary or exempt one always passes; an undeclared one keeps ASP.NET Core's own decision and is logged.
/// </summary>
internal sealed class CookieEnforcer(ConsentrySites sites, ConsentryOptions options, IHostEnvironment environment, ILogger<CookieEnforcer> logger)
{
    private readonly ConcurrentDictionary<string, byte> _logged = new(StringComparer.Ordinal);

    public void OnAppendCookie(AppendCookieContext context)
    {
        var manifest = sites.Resolve(context.Context);
        if (manifest is null)
        {
            return; // not a Consentry site: ASP.NET Core's own decision stands
        }

        var name = context.CookieName;
        var item = manifest.FindCookie(name);
        if (item is null)
        {
            if (options.StrictUndeclaredCookies && environment.IsDevelopment())
            {
                throw new InvalidOperationException($"Set-Cookie '{name}' is not declared in the cookie manifest {manifest.Manifest.Path}. Declare it under 'items:' (strict mode, Development).");
            }

            if (_logged.TryAdd(manifest.Manifest.Path + "\0u:" + name, 0))
            {
                ConsentryLog.UndeclaredCookie(logger, name, manifest.Manifest.Path);
            }

            return;
        }

        if (!manifest.NeedsConsent(item))
        {
            context.IssueCookie = true;
            return;
        }

        var granted = context.Context.GetConsent().IsGranted(item.Category, item.Provider);
        context.IssueCookie = granted;
        if (!granted && _logged.TryAdd(manifest.Manifest.Path + "\0d:" + name, 0))
        {
            ConsentryLog.CookieDropped(logger, name, item.Category);
        }
    }
}
