using Consentry.Server.Audit;

namespace Consentry.Server.Notifications;

/// <summary>What the admin page and the API share about alert channels and deliveries: checked, stored and audited in one place.</summary>
internal sealed class AlertService(ChannelRepository channels, DeliveryStore deliveries, AuditTrail audit)
{
    /// <summary>Adds a channel (empty site or event entries mean "all"); the channel with its secret (shown once), or the problem.</summary>
    public async Task<(Channel? Channel, string? Problem)> CreateAsync(string? kind, string? name, string? target, IEnumerable<string>? sites, IEnumerable<string>? events, string actor, CancellationToken cancellationToken)
    {
        var siteList = (sites ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToList();
        var eventList = (events ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).ToList();
        if (ChannelInput.Problem(kind, name, target, eventList) is { } problem)
        {
            return (null, problem);
        }

        var channel = await channels.CreateAsync(kind!, name!.Trim(), target!.Trim(), siteList, eventList, actor, cancellationToken);
        await audit.RecordAsync(actor, "alerts.channel.create", channel.Id, $"{kind} '{channel.Name}'", cancellationToken);
        return (channel, null);
    }

    public async Task<bool> SetEnabledAsync(string id, bool enabled, string actor, CancellationToken cancellationToken)
    {
        var done = await channels.SetEnabledAsync(id, enabled, cancellationToken);
        if (done)
        {
            await audit.RecordAsync(actor, enabled ? "alerts.channel.enable" : "alerts.channel.disable", id, "", cancellationToken);
        }

        return done;
    }

    public async Task<bool> DeleteAsync(string id, string actor, CancellationToken cancellationToken)
    {
        var done = await channels.DeleteAsync(id, cancellationToken);
        if (done)
        {
            await audit.RecordAsync(actor, "alerts.channel.delete", id, "", cancellationToken);
        }

        return done;
    }

    public async Task<bool> ResendAsync(string eventId, string channelId, string actor, CancellationToken cancellationToken)
    {
        var done = await deliveries.ResendAsync(eventId, channelId, cancellationToken);
        if (done)
        {
            await audit.RecordAsync(actor, "alerts.resend", channelId, eventId, cancellationToken);
        }

        return done;
    }
}
