using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Consentry.Server.Tests;

/// <summary>
/// Webhook receivers on a loopback port: <c>/ok</c> answers 204, <c>/fail</c> 500, <c>/stall</c> never answers,
/// <c>/flaky</c> fails its first two requests and then answers 200. Every request is kept with its headers and body.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _flaky;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public ConcurrentQueue<(string Path, Dictionary<string, string> Headers, string Body)> Requests { get; } = new();

    public static async Task<WebhookReceiver> StartAsync()
    {
        // Port 0: Kestrel binds a free port itself (asking for one first and binding later races other tests).
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{mode}", async (string mode, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            receiver.Requests.Enqueue((mode, context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body));
            switch (mode)
            {
                case "stall":
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                    return Results.StatusCode(200);
                case "fail":
                    return Results.StatusCode(500);
                case "flaky":
                    return Interlocked.Increment(ref receiver._flaky) <= 2 ? Results.StatusCode(503) : Results.Ok();
                default:
                    return Results.NoContent();
            }
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        receiver.Address = new Uri(app.Urls.First() + "/");
        return receiver;
    }

    public int Count(string path) => Requests.Count(r => r.Path == path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
