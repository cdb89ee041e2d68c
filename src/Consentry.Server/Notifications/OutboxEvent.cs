namespace Consentry.Server.Notifications;

/// <summary>One event in the outbox: its id (a webhook's <c>webhook-id</c>), type, site and the payload every channel receives.</summary>
internal sealed record OutboxEvent(string Id, string Type, string SiteId, DateTimeOffset Created, string Payload);
