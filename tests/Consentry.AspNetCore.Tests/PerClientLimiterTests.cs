using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Consentry.AspNetCore.Tests;

/// <summary>The per-client limit of receipts and log reads: counted per address in one-minute windows, on a test clock.</summary>
public sealed class PerClientLimiterTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-03T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().BuildServiceProvider();

    private static async Task<int> CallAsync(IEndpointFilter limiter, string address)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        var result = await limiter.InvokeAsync(new DefaultEndpointFilterInvocationContext(context), _ => ValueTask.FromResult<object?>("passed"));
        if (result is IResult refusal)
        {
            context.Response.Body = Stream.Null;
            await refusal.ExecuteAsync(context);
            Assert.Equal("60", context.Response.Headers.RetryAfter.ToString());
            return context.Response.StatusCode;
        }

        Assert.Equal("passed", result);
        return StatusCodes.Status200OK;
    }

    [Fact]
    public async Task PastItsPermitsAClientIsRefusedUntilTheMinuteIsOver()
    {
        var limiter = new ReceiptRateLimiter(new ConsentryOptions { ReceiptsPerMinutePerClient = 2 }, _clock);
        Assert.Equal(200, await CallAsync(limiter, "192.0.2.1"));
        Assert.Equal(200, await CallAsync(limiter, "192.0.2.1"));
        Assert.Equal(429, await CallAsync(limiter, "192.0.2.1"));

        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(429, await CallAsync(limiter, "192.0.2.1"));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(200, await CallAsync(limiter, "192.0.2.1"));
    }

    [Fact]
    public async Task EachClientAddressHasItsOwnCount()
    {
        var limiter = new LogRateLimiter(new ConsentryOptions { LogReadsPerMinutePerClient = 1 }, _clock);
        Assert.Equal(200, await CallAsync(limiter, "192.0.2.1"));
        Assert.Equal(429, await CallAsync(limiter, "192.0.2.1"));
        Assert.Equal(200, await CallAsync(limiter, "2001:db8::1"));
    }

    [Fact]
    public async Task WindowsThatEndedAreSweptSoManyPassingClientsDoNotPileUp()
    {
        var limiter = new ReceiptRateLimiter(new ConsentryOptions { ReceiptsPerMinutePerClient = 5 }, _clock);
        for (var i = 0; i < 1000; i++)
        {
            await CallAsync(limiter, $"10.0.{i / 256}.{i % 256}");
        }

        Assert.Equal(1000, limiter.TrackedClients);
        _clock.Advance(TimeSpan.FromMinutes(2));
        for (var i = 0; i < 100; i++)
        {
            await CallAsync(limiter, $"10.1.0.{i}");
        }

        Assert.True(limiter.TrackedClients < 1000, $"{limiter.TrackedClients} windows kept after the first thousand ended");
        Assert.Equal(200, await CallAsync(limiter, "10.0.0.0"));
    }
}
