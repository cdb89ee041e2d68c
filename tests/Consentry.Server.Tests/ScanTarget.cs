using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Consentry.Server.Tests;

/// <summary>
/// A small site on a loopback port for the server's scheduled scans: one page that sets a cookie, and, once
/// <see cref="Drift"/> is on, an undeclared marketing cookie and an analytics one before any choice too. While <see cref="Gate"/> is set, the page waits
/// for it before answering (a scan that stalls until the test lets it go).
/// </summary>
internal sealed class ScanTarget : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScanTarget(WebApplication app)
    {
        _app = app;
    }

    public Uri Address { get; private set; } = null!;

    public bool Drift { get; set; }

    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Completes when a page request arrives while <see cref="Gate"/> is set.</summary>
    public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<ScanTarget> StartAsync()
    {
        // Port 0: Kestrel binds a free port itself (asking for one first and binding later races other tests).
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var target = new ScanTarget(app);
        app.MapGet("/", async (HttpContext context) =>
        {
            if (target.Gate is { } gate)
            {
                target.Waiting.TrySetResult();
                await gate.Task.WaitAsync(context.RequestAborted);
            }

            context.Response.Headers.Append("Set-Cookie", "session_id=abc; Path=/; HttpOnly; SameSite=Lax");
            if (target.Drift)
            {
                context.Response.Headers.Append("Set-Cookie", "promo_ref=spring; Path=/; Max-Age=2592000");
                // A declared analytics cookie (ClaimCMR's ph_*) set before any choice: an error finding.
                context.Response.Headers.Append("Set-Cookie", "ph_phc_demo_posthog=1; Path=/; Max-Age=31536000");
            }

            return Results.Content("<!doctype html><html lang=\"en\"><head><title>Target</title></head><body><main><h1>Target</h1><p>A page to scan.</p></main></body></html>", "text/html; charset=utf-8");
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        target.Address = new Uri(app.Urls.First() + "/");
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        Gate?.TrySetResult();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
