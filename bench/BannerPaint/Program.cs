// Banner on screen: milliseconds from navigation start to a visible "Reject all", for Consentry's banner (ClaimCMR's
// manifest, served by UseConsentry, the page rendered per request with ConsentrySite.ScriptTag("", request): a first visit, so the banner's code is inline) and for
// vanilla-cookieconsent (its files as static files), both pages from the same Kestrel server on loopback, first visits in fresh browser contexts,
// alternating A B A B so load on the shared machine falls on both alike.
// Usage: dotnet run -- <cookieconsent dist dir> <cookieconsent version> [rounds]
using System.Globalization;
using Consentry.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

var theirs = args[0];
var theirVersion = args[1];
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15;
var root = Directory.CreateTempSubdirectory("banner-paint-").FullName;
try
{
    Pages.Write(root, theirs);
    var builder = WebApplication.CreateBuilder();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Logging.ClearProviders();
    builder.Services.AddConsentry(o =>
    {
        o.ManifestPath = Path.Combine(Pages.Repo(), "examples", "claimcmr", "cookies.yaml");
        o.LedgerPath = Path.Combine(root, "ledger", "ledger.db");
    });
    await using var app = builder.Build();
    app.UseConsentry();
    var site = app.Services.GetRequiredService<ConsentrySite>();
    // Rendered per request, as a Razor page with <consentry-banner /> is: the visitor's configuration inline.
    app.MapGet("/consentry.html", (HttpContext c) => Results.Content(Pages.Consentry(site.ScriptTag("", c)), "text/html"));
    app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(root), ServeUnknownFileTypes = true });
    await app.StartAsync();
    var origin = app.Urls.First();

    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true });
    var results = new Dictionary<string, List<Dictionary<string, double>>> { ["consentry"] = [], ["cookieconsent"] = [] };
    // One visit of each first: Chromium and the server warm up; not counted.
    foreach (var round in Enumerable.Range(0, rounds + 1))
    {
        foreach (var name in round % 2 == 0 ? new[] { "consentry", "cookieconsent" } : ["cookieconsent", "consentry"])
        {
            var visit = await Measure.ShownAsync(browser, $"{origin}/{name}.html");
            if (round > 0)
            {
                results[name].Add(visit);
            }
        }
    }

    static double Median(IEnumerable<double> x) => x.Order().ElementAt(x.Count() / 2);
    Console.WriteLine($"navigation start -> visible \"Reject all\", ms, {rounds} first visits each (median, min-max)");
    foreach (var (name, visits) in results)
    {
        var label = name == "cookieconsent" ? $"vanilla-cookieconsent {theirVersion}" : "consentry";
        var shown = visits.Select(v => v["shown"]).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-34} {Median(shown),7:F0}   ({shown.Min():F0}-{shown.Max():F0})"));
        // Where the time goes: the median of each milestone (ms from navigation start).
        var milestones = visits[0].Keys.Where(k => k != "shown" && visits.All(v => v.ContainsKey(k)));
        Console.WriteLine("    " + string.Join(", ", milestones.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k} {Median(visits.Select(v => v[k])):F0}"))));
    }

    var ratio = Median(results["consentry"].Select(v => v["shown"])) / Median(results["cookieconsent"].Select(v => v["shown"]));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio consentry/vanilla-cookieconsent: {ratio:F2} (goal <= 0.5)"));
}
finally
{
    if (Environment.GetEnvironmentVariable("BANNER_PAINT_KEEP") is null)
    {
        Directory.Delete(root, recursive: true);
    }
    else
    {
        Console.WriteLine($"pages kept in {root}");
    }
}
