// The same ASP.NET Core page with and without Consentry: it sets a strictly necessary cookie and an analytics
// one, for a visitor whose consent cookie grants analytics (so Consentry reads the choice, decides both cookies
// and writes a consent-aware Content-Security-Policy on every request).
// "policy" is neither: ASP.NET Core's own cookie policy middleware alone, with its default options, which does nothing
// here: a control for the noise of the machine (Consentry leaves it out when the host sets no cookie policy options).
// Usage: dotnet run -c Release -- on|off|policy <port> <ledger folder>
using Consentry.AspNetCore;
using Consentry.Manifests;

var consentry = args[0] == "on";
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls($"http://127.0.0.1:{args[1]}");
builder.Logging.ClearProviders();
if (consentry)
{
    var manifest = ManifestLoader.Parse("""
        site: { name: Bench, domains: [127.0.0.1], contact: { email: privacy@bench.example } }
        providers:
          stats: { name: StatsCo, domains: [stats.example] }
        items:
          - { name: bench_consent, category: necessary, purpose: Stores your choice., duration: 6mo }
          - { name: session, category: necessary, purpose: Keeps you signed in., duration: session }
          - { name: st_visit, category: analytics, provider: stats, purpose: Visit statistics., duration: 13mo }
        consent: { cookie: bench_consent }
        history: [{ date: 2026-11-01, summary: First. }]
        """, "bench.yaml").GetValidManifest();
    builder.Services.AddConsentry(o =>
    {
        o.Manifest = manifest;
        o.LedgerPath = Path.Combine(args[2], "ledger.db");
        o.ConsentCsp = ConsentCspMode.Enforce;
    });
}

var app = builder.Build();
if (consentry)
{
    app.UseConsentry();
}
else if (args[0] == "policy")
{
    app.UseCookiePolicy();
}

app.MapGet("/", (HttpContext c) =>
{
    c.Response.Cookies.Append("session", "s1", new CookieOptions { HttpOnly = true, Secure = false });
    c.Response.Cookies.Append("st_visit", "v1", new CookieOptions { MaxAge = TimeSpan.FromDays(30) });
    return Results.Content("<!DOCTYPE html><html lang=\"en\"><title>Bench</title><p>Hello</p></html>", "text/html; charset=utf-8");
});
app.Run();
