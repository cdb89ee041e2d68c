using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Consentry.Browser.Tests.Hostile;

/// <summary>
/// Sites built to hold a scanner forever or flood it, one trick per page, served on loopback as
/// <c>hostile.localhost</c> (and other <c>*.localhost</c> names whose robots.txt differ), plus a second server,
/// "outside", on another port: another site to the scanner, which records every request it gets.
/// </summary>
internal sealed class HostileSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WebApplication _outside;

    private HostileSite(WebApplication app, WebApplication outside)
    {
        _app = app;
        _outside = outside;
    }

    public int Port => new Uri(_app.Urls.First()).Port;

    public int OutsidePort => new Uri(_outside.Urls.First()).Port;

    /// <summary>Every path the outside server was asked for.</summary>
    public ConcurrentQueue<string> OutsideRequests { get; } = new();

    /// <summary>How each request for the endless sitemap ended: whether the client hung up before the server's 1 GB, and after how many bytes.</summary>
    public ConcurrentQueue<(bool ClientStopped, long Bytes)> FloodRequests { get; } = new();

    public Uri Url(string path, string host = "hostile") => new($"http://{host}.localhost:{Port}{path}");

    public static async Task<HostileSite> StartAsync()
    {
        var outside = Build();
        var site = new HostileSite(Build(), outside);
        outside.Run(async (HttpContext c) =>
        {
            site.OutsideRequests.Enqueue(c.Request.Path + c.Request.QueryString);
            c.Response.Headers.Append("Set-Cookie", "outside_c=1; Path=/; Max-Age=600");
            await c.Response.WriteAsync("<!DOCTYPE html><title>Outside</title><p>Another site.</p>");
        });
        await outside.StartAsync();
        site.Map();
        await site._app.StartAsync();
        return site;
    }

    private static WebApplication Build()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    private void Map()
    {
        var outside = $"http://127.0.0.1:{OutsidePort}";
        _app.MapGet("/robots.txt", (HttpContext c) => c.Request.Host.Host switch
        {
            "stall.localhost" => $"Sitemap: http://stall.localhost:{Port}/never.xml\n",
            "flood.localhost" => $"Sitemap: http://flood.localhost:{Port}/flood.xml\n",
            "far.localhost" => $"Sitemap: {outside}/sitemap.xml\nSitemap: http://far.localhost:{OutsidePort}/sitemap.xml\n",
            _ => "",
        });
        _app.MapGet("/never.xml", Never);
        _app.MapGet("/never", Never);
        _app.MapGet("/flood.xml", async (HttpContext c) =>
        {
            // A sitemap that never ends (what a small gzip bomb inflates to): the client must stop reading.
            c.Response.ContentType = "application/xml";
            var chunk = System.Text.Encoding.UTF8.GetBytes("<url><loc>http://flood.localhost/x</loc></url>" + new string(' ', 16_000));
            await c.Response.WriteAsync("<urlset>", c.RequestAborted);
            long bytes = 0;
            try
            {
                while (!c.RequestAborted.IsCancellationRequested && bytes < 1_000_000_000)
                {
                    await c.Response.Body.WriteAsync(chunk, c.RequestAborted);
                    bytes += chunk.Length;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
            }

            FloodRequests.Enqueue((c.RequestAborted.IsCancellationRequested, bytes));
        });
        _app.MapGet("/", () => Page("Start", "<p>Calm.</p>", "start_c"));
        _app.MapGet("/calm", () => Page("Calm", "<p>Nothing happens here.</p>", "calm_c"));
        _app.MapGet("/loop", () => Page("Loop", "<a href=\"/calm\">calm</a><script>setTimeout(() => { for (;;) { } }, 200);</script>", "loop_c"));
        _app.MapGet("/frames", () => Page("Frames", "<iframe src=\"file:///etc/passwd\"></iframe><iframe src=\"chrome://settings\"></iframe><iframe src=\"chrome://crash\"></iframe><a href=\"/calm\">calm</a>", "frames_c"));
        _app.MapGet("/popups", () => Page("Popups", "<a href=\"/calm\">calm</a><script>setInterval(() => window.open('/popups?' + Math.random()), 50); window.open('/popups?first');</script>", "popups_c"));
        _app.MapGet("/storage", () => Page("Storage", "<script>for (let i = 0; i < 5000; i++) { localStorage.setItem('k' + i, '1'); sessionStorage.setItem('s' + i, '1'); }</script>", "storage_c"));
        _app.MapGet("/hang-start", () => Page("Hang", "<a href=\"/never\">never</a>", "hang_c"));
        _app.MapGet("/to-outside", () => Results.Redirect($"{outside}/redirected"));
        _app.MapGet("/to-other-port", () => Results.Redirect($"http://hostile.localhost:{OutsidePort}/redirected-port"));
        _app.MapGet("/ports", () => Page("Ports", $"<a href=\"http://hostile.localhost:{OutsidePort}/linked\">same host, other port</a><a href=\"https://hostile.localhost:{Port}/tls\">other scheme</a><a href=\"/calm\">calm</a>", "ports_c"));
        _app.MapGet("/wander", () => Results.Content($"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Wander</title>
            <script>location.href = '{outside}/wandered';</script></head><body><p>Leaving…</p></body></html>
            """, "text/html; charset=utf-8"));
    }

    private static async Task Never(HttpContext c)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, c.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static WithCookie Page(string title, string body, string cookie) => new(Results.Content($"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
        <body><main><h1>{title}</h1>{body}</main></body></html>
        """, "text/html; charset=utf-8"), cookie);

    /// <summary>A page that also sets one cookie by header, so each scan has something to find.</summary>
    private sealed class WithCookie(IResult inner, string cookie) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Append("Set-Cookie", $"{cookie}=1; Path=/; Max-Age=600");
            return inner.ExecuteAsync(httpContext);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { _app, _outside })
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}

/// <summary>One hostile site for a test class.</summary>
public sealed class HostileSiteFixture : IAsyncLifetime
{
    internal HostileSite Site { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Site = await HostileSite.StartAsync();

    public async ValueTask DisposeAsync() => await Site.DisposeAsync();
}
