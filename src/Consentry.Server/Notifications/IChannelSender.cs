namespace Consentry.Server.Notifications;

/// <summary>Delivers an event through one kind of channel.</summary>
internal interface IChannelSender
{
    /// <summary>The <see cref="ChannelKinds"/> value it serves.</summary>
    string Kind { get; }

    /// <summary>One attempt; never throws for the receiver's failures, which are in the outcome.</summary>
    Task<SendOutcome> SendAsync(Channel channel, OutboxEvent e, CancellationToken cancellationToken);
}
