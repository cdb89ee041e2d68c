using Consentry.Server.Accounts;
using Consentry.Server.Scans;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consentry.Server.Api;

/// <summary><c>/api/v1/sites/{site}/scans</c>: a site's scheduled scans, "scan now", the history and each scan's report.</summary>
internal static class ScansApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var scans = api.MapGroup("/sites/{site}").WithTags("Scans");
        scans.MapPut("/scan-schedule", async (string site, ScanScheduleRequest body, HttpContext c, ScanScheduler scheduler, CancellationToken ct) =>
            !Access.CanWrite(c.User, site) ? (IResult)ApiResults.Forbidden($"schedule scans of site '{site}'")
            : await scheduler.SaveAsync(site, body.Cron, body.Url, body.MaxPages, body.Enabled, Access.Actor(c.User), ct) is { } problem
                ? TypedResults.Problem(problem, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Invalid schedule")
                : TypedResults.NoContent())
            .WithSummary("Set the site's scan schedule: {cron, url, maxPages, enabled}. 204 saved, 422 with the reason.");
        scans.MapGet("/scan-schedule", async (string site, HttpContext c, ScanScheduleRepository schedules, CancellationToken ct) =>
            !Access.CanRead(c.User, site) ? (IResult)ApiResults.Forbidden($"read site '{site}'")
            : await schedules.GetAsync(site, ct) is { } s ? TypedResults.Ok(s) : ApiResults.NotFound($"A scan schedule of site '{site}'"))
            .WithSummary("The site's scan schedule.");
        scans.MapPost("/scans", async (string site, HttpContext c, ScanScheduler scheduler, CancellationToken ct) =>
            !Access.CanWrite(c.User, site) ? (IResult)ApiResults.Forbidden($"scan site '{site}'")
            : await scheduler.RunNowAsync(site, Access.Actor(c.User), ct) ? TypedResults.Accepted($"/api/v1/sites/{site}/scans")
            : ApiResults.Conflict($"Site '{site}' has no scan schedule, so no start page: set one with PUT /api/v1/sites/{site}/scan-schedule first."))
            .WithSummary("Scan the site now (as soon as an instance is free). 202, or 409 without a schedule.");
        scans.MapGet("/scans", async (string site, HttpContext c, ScanHistory history, CancellationToken ct) =>
            !Access.CanRead(c.User, site) ? (IResult)ApiResults.Forbidden($"read site '{site}'") : TypedResults.Ok(await history.ListAsync(site, 100, ct)))
            .WithSummary("The site's scans, newest first: status, attempts, what each found.");
        scans.MapGet("/scans/{id}/report", async (string site, string id, HttpContext c, ScanHistory history, CancellationToken ct) =>
            !Access.CanRead(c.User, site) ? (IResult)ApiResults.Forbidden($"read site '{site}'")
            : await history.ReportAsync(site, id, "json", ct) is { } json ? TypedResults.Text(json, "application/json; charset=utf-8")
            : ApiResults.NotFound($"A report of scan '{id}' of site '{site}'"))
            .WithSummary("A finished scan's JSON report (consentry-scan/1), with its drift from the scan before.");
    }
}
