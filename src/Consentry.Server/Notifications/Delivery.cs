namespace Consentry.Server.Notifications;

/// <summary>One event's delivery to one channel, as the delivery log shows it.</summary>
internal sealed record Delivery(string EventId, string EventType, string SiteId, string ChannelId, string ChannelName, string Status, int Attempts, DateTimeOffset NextAt, string LastResult, DateTimeOffset Updated);
