using Microsoft.AspNetCore.Http;

namespace Consentry.Cli.Demo;

/// <summary>A cookie a demo page sets from the server, with the attributes its seed describes.</summary>
internal sealed record DemoCookie(string Name, string Value, TimeSpan? MaxAge, bool HttpOnly, bool Secure, SameSiteMode SameSite, bool MarkedEssential = false)
{
    public CookieOptions Options() => new() { Path = "/", MaxAge = MaxAge, HttpOnly = HttpOnly, Secure = Secure, SameSite = SameSite, IsEssential = MarkedEssential };
}
