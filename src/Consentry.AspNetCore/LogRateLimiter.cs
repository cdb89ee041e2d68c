namespace Consentry.AspNetCore;

/// <summary>The transparency-log reads' rate limit: per client address, <see cref="ConsentryOptions.LogReadsPerMinutePerClient"/> a minute.</summary>
internal sealed class LogRateLimiter(ConsentryOptions options, TimeProvider? time = null)
    : PerClientLimiter(options.LogReadsPerMinutePerClient, "Too many transparency-log reads from this client; retry in a minute.", time);
