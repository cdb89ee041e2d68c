namespace Consentry.Server.Notifications;

/// <summary>The kinds of channel.</summary>
internal static class ChannelKinds
{
    public const string Webhook = "webhook";
    public const string Email = "email";
}
