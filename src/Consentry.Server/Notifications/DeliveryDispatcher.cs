using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consentry.Server.Notifications;

/// <summary>
/// Every <see cref="NotificationOptions.PollEvery"/>: fans new outbox events out to the channels that want them,
/// then attempts the deliveries that are due, retrying failures with exponential back-off and disabling a channel
/// after <see cref="NotificationOptions.DisableAfter"/> failures in a row. Several instances may run it at once.
/// </summary>
internal sealed partial class DeliveryDispatcher(
    ChannelRepository channels, DeliveryStore deliveries, IEnumerable<IChannelSender> senders, IOptions<ServerOptions> options, TimeProvider clock, ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    /// <summary>One pass: fan out, then attempt what is due. Returns the attempts made.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var all = await channels.ListAsync(cancellationToken);
        await deliveries.FanOutAsync(all, cancellationToken);
        var o = options.Value.Notifications;
        // The lease outlasts one attempt's longest wait, so no other instance takes the delivery while it is tried.
        var lease = o.WebhookTimeout + options.Value.Smtp.Timeout * 4 + TimeSpan.FromSeconds(30);
        var due = await deliveries.ClaimDueAsync(20, lease, cancellationToken);
        var disabled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (e, channelId, attempts) in due)
        {
            if (all.FirstOrDefault(c => c.Id == channelId) is not { } channel || senders.FirstOrDefault(s => s.Kind == channel.Kind) is not { } sender)
            {
                continue;
            }

            if (disabled.Contains(channelId))
            {
                // Disabled during this pass: the delivery waits, pending, for the channel to be enabled again.
                await deliveries.ReleaseAsync(e.Id, channelId, cancellationToken);
                continue;
            }

            var outcome = await sender.SendAsync(channel, e, cancellationToken);
            if (await RecordAsync(channel, e, attempts + 1, outcome, cancellationToken))
            {
                disabled.Add(channelId);
            }
        }

        return due.Count;
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: the base, doubled each attempt, at most the maximum.</summary>
    public static TimeSpan Backoff(NotificationOptions o, int attempt) =>
        TimeSpan.FromTicks(Math.Min(o.RetryMax.Ticks, o.RetryBase.Ticks * (long)Math.Pow(2, Math.Min(attempt - 1, 30))));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Notifications.PollEvery, clock);
        do
        {
            try
            {
                while (await RunOnceAsync(stoppingToken) > 0)
                {
                    // More may be due at once: go on without waiting.
                }
            }
            catch (Exception x) when (x is not OperationCanceledException)
            {
                Log.PassFailed(logger, x.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Records an attempt; true when its failure disabled the channel.</summary>
    private async Task<bool> RecordAsync(Channel channel, OutboxEvent e, int attempt, SendOutcome outcome, CancellationToken cancellationToken)
    {
        var o = options.Value.Notifications;
        if (outcome.Delivered)
        {
            await deliveries.RecordAsync(e.Id, channel.Id, true, outcome.Result, null, cancellationToken);
            await channels.RecordSuccessAsync(channel.Id, cancellationToken);
            return false;
        }

        var retryAt = attempt < o.MaxAttempts ? clock.GetUtcNow() + Backoff(o, attempt) : (DateTimeOffset?)null;
        await deliveries.RecordAsync(e.Id, channel.Id, false, outcome.Result, retryAt, cancellationToken);
        Log.AttemptFailed(logger, e.Type, e.Id, channel.Name, attempt, outcome.Result, retryAt is null ? "given up" : $"next attempt at {retryAt:u}");
        if (!await channels.RecordFailureAsync(channel.Id, o.DisableAfter, outcome.Result, cancellationToken))
        {
            return false;
        }

        Log.Disabled(logger, channel.Name, o.DisableAfter);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7330, Level = LogLevel.Warning, Message = "Alert {Type} {EventId} to channel '{Channel}' failed (attempt {Attempt}): {Result}; {Next}")]
        public static partial void AttemptFailed(ILogger logger, string type, string eventId, string channel, int attempt, string result, string next);

        [LoggerMessage(EventId = 7331, Level = LogLevel.Error, Message = "Channel '{Channel}' disabled after {Count} failed attempts in a row; enable it again on /admin/alerts once its receiver is fixed")]
        public static partial void Disabled(ILogger logger, string channel, int count);

        [LoggerMessage(EventId = 7332, Level = LogLevel.Warning, Message = "Alert delivery pass failed: {Message}")]
        public static partial void PassFailed(ILogger logger, string message);
    }
}
