using Consentry.AspNetCore;
using Consentry.Manifests;
using Consentry.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Consentry.Browser.Tests;

/// <summary>
/// A Kestrel app on a loopback port it binds itself: a plain host (a third party the page calls), or, given a manifest,
/// a site with <c>AddConsentry</c>/<c>UseConsentry</c> (its own ledger file) before the routes <paramref name="map"/> adds.
/// </summary>
internal static class LoopbackApp
{
    public static async Task<WebApplication> StartAsync(Action<WebApplication> map, string? manifestYaml = null, Action<ConsentryOptions>? configure = null, LogSink? logs = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        if (manifestYaml is not null)
        {
            var manifest = ManifestLoader.Parse(manifestYaml, "cookies.yaml").GetValidManifest();
            builder.Services.AddConsentry(o =>
            {
                o.Manifest = manifest;
                o.LedgerPath = Path.Combine(BrowserFixture.LedgerFolder, $"site-{Guid.NewGuid():N}.db");
                configure?.Invoke(o);
            });
        }

        var app = builder.Build();
        if (manifestYaml is not null)
        {
            app.UseConsentry();
        }

        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }
}
