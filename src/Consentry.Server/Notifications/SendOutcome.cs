namespace Consentry.Server.Notifications;

/// <summary>What one delivery attempt came to: accepted or not, and in words (an HTTP status, an SMTP reply, a timeout).</summary>
internal sealed record SendOutcome(bool Delivered, string Result);
