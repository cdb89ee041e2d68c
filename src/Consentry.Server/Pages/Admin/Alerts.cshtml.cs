using Consentry.Server.Accounts;
using Consentry.Server.Audit;
using Consentry.Server.Notifications;
using Consentry.Server.Sites;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Consentry.Server.Pages.Admin;

/// <summary>Alert channels (webhooks and e-mail), their delivery log and a re-send.</summary>
[Authorize(Policy = Access.AdminAccount)]
internal sealed class AlertsModel(ChannelRepository channels, DeliveryStore deliveries, SiteCatalog catalog, AuditTrail audit) : PageModel
{
    public IReadOnlyList<Channel> Channels { get; private set; } = [];

    public IReadOnlyList<Delivery> Deliveries { get; private set; } = [];

    public IReadOnlyList<string> Sites { get; private set; } = [];

    public static IReadOnlyList<string> EventTypes => Notifications.EventTypes.All;

    public string? Message { get; private set; }

    public bool IsError { get; private set; }

    public string? Secret { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(string kind, string name, string target, string[]? sites, string[]? events)
    {
        var ct = HttpContext.RequestAborted;
        sites = [.. (sites ?? []).Where(s => !string.IsNullOrWhiteSpace(s))];
        events = [.. (events ?? []).Where(e => !string.IsNullOrWhiteSpace(e))];
        if (ChannelInput.Problem(kind, name, target, events) is { } problem)
        {
            (Message, IsError) = (problem, true);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            var channel = await channels.CreateAsync(kind, name.Trim(), target.Trim(), sites, events, Access.Actor(User), ct);
            await audit.RecordAsync(Access.Actor(User), "alerts.channel.create", channel.Id, $"{kind} '{channel.Name}'", ct);
            (Message, Secret) = ($"Channel '{channel.Name}' added.", channel.Secret.Length > 0 ? channel.Secret : null);
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(string id, bool on)
    {
        var done = await channels.SetEnabledAsync(id, on, HttpContext.RequestAborted);
        if (done)
        {
            await audit.RecordAsync(Access.Actor(User), on ? "alerts.channel.enable" : "alerts.channel.disable", id, "", HttpContext.RequestAborted);
        }

        (Message, IsError) = done ? ($"Channel {id} {(on ? "enabled" : "disabled")}.", false) : ($"No channel {id}.", true);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id)
    {
        var done = await channels.DeleteAsync(id, HttpContext.RequestAborted);
        if (done)
        {
            await audit.RecordAsync(Access.Actor(User), "alerts.channel.delete", id, "", HttpContext.RequestAborted);
        }

        (Message, IsError) = done ? ($"Channel {id} deleted.", false) : ($"No channel {id}.", true);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostResendAsync(string eventId, string channelId)
    {
        var done = await deliveries.ResendAsync(eventId, channelId, HttpContext.RequestAborted);
        if (done)
        {
            await audit.RecordAsync(Access.Actor(User), "alerts.resend", channelId, eventId, HttpContext.RequestAborted);
        }

        (Message, IsError) = done ? ($"Event {eventId} will be sent to {channelId} again.", false) : ($"No delivery of {eventId} to {channelId}.", true);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Channels = await channels.ListAsync(HttpContext.RequestAborted);
        Deliveries = await deliveries.RecentAsync(200, HttpContext.RequestAborted);
        Sites = [.. catalog.Views("").Select(s => s.Id)];
    }
}
