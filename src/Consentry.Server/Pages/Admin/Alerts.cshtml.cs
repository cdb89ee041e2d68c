using Consentry.Server.Accounts;
using Consentry.Server.Notifications;
using Consentry.Server.Sites;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Consentry.Server.Pages.Admin;

/// <summary>Alert channels (webhooks and e-mail), their delivery log and a re-send.</summary>
[Authorize(Policy = Access.AdminAccount)]
internal sealed class AlertsModel(AlertService alerts, ChannelRepository channels, DeliveryStore deliveries, SiteCatalog catalog) : PageModel
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
        var (channel, problem) = await alerts.CreateAsync(kind, name, target, sites, events, Access.Actor(User), HttpContext.RequestAborted);
        (Message, IsError, Secret) = channel is null ? (problem, true, null) : ($"Channel '{channel.Name}' added.", false, channel.Secret.Length > 0 ? channel.Secret : null);
        Response.StatusCode = channel is null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(string id, bool on)
    {
        (Message, IsError) = await alerts.SetEnabledAsync(id, on, Access.Actor(User), HttpContext.RequestAborted) ? ($"Channel {id} {(on ? "enabled" : "disabled")}.", false) : ($"No channel {id}.", true);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id)
    {
        (Message, IsError) = await alerts.DeleteAsync(id, Access.Actor(User), HttpContext.RequestAborted) ? ($"Channel {id} deleted.", false) : ($"No channel {id}.", true);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostResendAsync(string eventId, string channelId)
    {
        (Message, IsError) = await alerts.ResendAsync(eventId, channelId, Access.Actor(User), HttpContext.RequestAborted)
            ? ($"Event {eventId} will be sent to {channelId} again.", false) : ($"No delivery of {eventId} to {channelId}.", true);
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
