namespace Consentry.Server.Notifications;

/// <summary>Where one event's delivery to one channel stands.</summary>
internal static class DeliveryStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    public const string Pending = "pending";

    /// <summary>Accepted by the receiver (a 2xx answer, or the SMTP server's 250).</summary>
    public const string Delivered = "delivered";

    /// <summary>Given up after the last attempt, or its channel was disabled; can be re-sent by hand.</summary>
    public const string Failed = "failed";
}
