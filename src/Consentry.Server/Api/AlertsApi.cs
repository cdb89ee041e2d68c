using Consentry.Server.Accounts;
using Consentry.Server.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consentry.Server.Api;

/// <summary><c>/api/v1/channels</c> and <c>/api/v1/deliveries</c>: alert channels and their delivery log, for admin keys only.</summary>
internal static class AlertsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var channels = api.MapGroup("/channels").WithTags("Alerts").ForAdmins("manage alerts");
        channels.MapGet("/", async (ChannelRepository repository, CancellationToken ct) => TypedResults.Ok((await repository.ListAsync(ct)).Select(View)))
            .WithSummary("Every alert channel (never a webhook's secret).");
        channels.MapPost("/", async (ChannelRequest body, HttpContext c, AlertService alerts, CancellationToken ct) =>
        {
            var (channel, problem) = await alerts.CreateAsync(body.Kind, body.Name, body.Target, body.Sites, body.Events, Access.Actor(c.User), ct);
            return channel is null ? (IResult)ApiResults.BadRequest(problem!) : TypedResults.Created($"/api/v1/channels/{channel.Id}", new { channel = View(channel), secret = channel.Secret.Length > 0 ? channel.Secret : null });
        }).WithSummary("Add a channel: {kind: webhook|email, name, target, sites?, events?}; a webhook's signing secret is answered once.");
        channels.MapPost("/{id}/enable", async (string id, HttpContext c, AlertService alerts, CancellationToken ct) => await SetAsync(id, true, c, alerts, ct))
            .WithSummary("Enable a channel (its failures in a row start again from zero; its pending deliveries go out).");
        channels.MapPost("/{id}/disable", async (string id, HttpContext c, AlertService alerts, CancellationToken ct) => await SetAsync(id, false, c, alerts, ct))
            .WithSummary("Disable a channel (its deliveries wait).");
        channels.MapDelete("/{id}", async (string id, HttpContext c, AlertService alerts, CancellationToken ct) =>
            await alerts.DeleteAsync(id, Access.Actor(c.User), ct) ? (IResult)TypedResults.NoContent() : ApiResults.NotFound($"Channel '{id}'"))
            .WithSummary("Delete a channel and its deliveries.");

        var deliveries = api.MapGroup("/deliveries").WithTags("Alerts").ForAdmins("manage alerts");
        deliveries.MapGet("/", async (int? limit, DeliveryStore store, CancellationToken ct) => TypedResults.Ok(await store.RecentAsync(Math.Clamp(limit ?? 100, 1, 1000), ct)))
            .WithSummary("The delivery log, newest first: each event's delivery to each channel, its attempts and last result.");
        deliveries.MapPost("/{eventId}/{channelId}/resend", async (string eventId, string channelId, HttpContext c, AlertService alerts, CancellationToken ct) =>
            await alerts.ResendAsync(eventId, channelId, Access.Actor(c.User), ct) ? (IResult)TypedResults.Accepted("/api/v1/deliveries") : ApiResults.NotFound($"A delivery of '{eventId}' to '{channelId}'"))
            .WithSummary("Send a delivery again (same event id), whatever came of it before.");
    }

    private static async Task<IResult> SetAsync(string id, bool enabled, HttpContext c, AlertService alerts, CancellationToken ct) =>
        await alerts.SetEnabledAsync(id, enabled, Access.Actor(c.User), ct) ? TypedResults.NoContent() : ApiResults.NotFound($"Channel '{id}'");

    private static object View(Channel c) => new { c.Id, c.Kind, c.Name, c.Target, c.Sites, c.Events, c.Enabled, c.Failures, c.DisabledReason };
}
