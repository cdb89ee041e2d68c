using Microsoft.AspNetCore.Http;

namespace Consentry.AspNetCore;

/// <summary>
/// The receipt endpoint's rate limit: per client address, <see cref="ConsentryOptions.ReceiptsPerMinutePerClient"/>
/// a minute. A host that calls <c>UseRateLimiter</c> itself does not count receipts twice.
/// </summary>
internal sealed class ReceiptRateLimiter(ConsentryOptions options, TimeProvider? time = null)
    : PerClientLimiter(options.ReceiptsPerMinutePerClient, "Too many receipts from this client; retry in a minute.", time)
{
    protected override void Refused(HttpContext context) =>
        ReceiptMetrics.Refuse((context.RequestServices.GetService(typeof(ConsentrySites)) as ConsentrySites)?.Resolve(context)?.SiteId ?? "", StatusCodes.Status429TooManyRequests);
}
