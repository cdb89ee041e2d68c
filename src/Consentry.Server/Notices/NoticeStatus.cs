namespace Consentry.Server.Notices;

/// <summary>Where a notice run, and each of its recipients, stands.</summary>
internal static class NoticeStatus
{
    /// <summary>A run taking recipients; nothing is sent yet.</summary>
    public const string Collecting = "collecting";

    /// <summary>A run sending (and still taking recipients, who are sent to as well).</summary>
    public const string Sending = "sending";

    /// <summary>A run finished: every recipient sent to, failed or bounced; the addresses are purged.</summary>
    public const string Done = "done";

    /// <summary>A recipient not sent to yet.</summary>
    public const string Pending = "pending";

    /// <summary>A recipient the SMTP server accepted the notice for.</summary>
    public const string Sent = "sent";

    /// <summary>A recipient the SMTP server refused for good (a 5xx reply).</summary>
    public const string Bounced = "bounced";

    /// <summary>A recipient still refused for the time being (4xx) after the last attempt, or not sendable.</summary>
    public const string Failed = "failed";
}
