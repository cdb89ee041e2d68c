namespace Consentry.Server;

/// <summary>How alerts (webhooks and e-mail) are delivered and retried.</summary>
public sealed class NotificationOptions
{
    /// <summary>The wait before the first retry of a failed delivery; each further retry waits twice as long, up to <see cref="RetryMax"/>. Default: 30 s.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts. Default: 1 hour.</summary>
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts of one delivery before it is given up (it can still be re-sent by hand). Default: 8.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Failed attempts in a row, over all its deliveries, after which a channel is disabled until an admin enables it again. Default: 15.</summary>
    public int DisableAfter { get; set; } = 15;

    /// <summary>The longest a webhook receiver may take to answer one attempt. Default: 10 s.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each instance looks for events and deliveries that are due. Default: 1 s.</summary>
    public TimeSpan PollEvery { get; set; } = TimeSpan.FromSeconds(1);
}
