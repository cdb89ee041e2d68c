using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Consentry.AspNetCore;

/// <summary>
/// The receipt endpoint's rate limit: per client address (as the host's forwarded-headers handling left it),
/// <see cref="ConsentryOptions.ReceiptsPerMinutePerClient"/> a minute, answered with 429 ProblemDetails and
/// Retry-After. It is an endpoint filter over a <see cref="PartitionedRateLimiter{TResource}"/>, not a policy of
/// the host's rate-limiting middleware: the host's limiter, status code and <c>OnRejected</c> stay as the host
/// set them, and a host that calls <c>UseRateLimiter</c> itself does not count receipts twice.
/// </summary>
internal sealed class ReceiptRateLimiter(ConsentryOptions options) : IEndpointFilter, IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = options.ReceiptsPerMinutePerClient, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        using var lease = await _limiter.AcquireAsync(context.HttpContext, 1, context.HttpContext.RequestAborted);
        if (!lease.IsAcquired)
        {
            context.HttpContext.Response.Headers.RetryAfter = "60";
            ReceiptMetrics.Refuse((context.HttpContext.RequestServices.GetService(typeof(ConsentrySites)) as ConsentrySites)?.Resolve(context.HttpContext)?.SiteId ?? "", StatusCodes.Status429TooManyRequests);
            return TypedResults.Problem("Too many receipts from this client; retry in a minute.", statusCode: StatusCodes.Status429TooManyRequests, title: "Rate limit");
        }

        return await next(context);
    }

    public void Dispose() => _limiter.Dispose();
}
