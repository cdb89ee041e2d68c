using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Consentry.AspNetCore;

/// <summary>
/// A per-client fixed-window limit as an endpoint filter (the client as the host's forwarded-headers handling left
/// it): past <c>permitsPerMinute</c>, 429 ProblemDetails with Retry-After. It is not a policy of the host's
/// rate-limiting middleware: the host's limiter, status code and <c>OnRejected</c> stay as the host set them.
/// </summary>
internal abstract class PerClientLimiter(int permitsPerMinute, string refusal) : IEndpointFilter, IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        using var lease = await _limiter.AcquireAsync(context.HttpContext, 1, context.HttpContext.RequestAborted);
        if (!lease.IsAcquired)
        {
            context.HttpContext.Response.Headers.RetryAfter = "60";
            Refused(context.HttpContext);
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status429TooManyRequests, title: "Rate limit");
        }

        return await next(context);
    }

    public void Dispose() => _limiter.Dispose();

    /// <summary>Counts a refusal where the subclass keeps metrics.</summary>
    protected virtual void Refused(HttpContext context)
    {
    }
}
