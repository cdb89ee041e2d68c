using Consentry.Server.Accounts;
using Consentry.Server.Scans;
using Consentry.Server.Sites;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Consentry.Server.Pages.Admin;

/// <summary>A site's scan schedule, "scan now", and its scan history.</summary>
internal sealed class ScansModel(ScanScheduler scheduler, ScanScheduleRepository schedules, ScanHistory history, SiteCatalog catalog) : PageModel
{
    public string SiteId { get; private set; } = "";

    public ScanSchedule? Schedule { get; private set; }

    public IReadOnlyList<ScanRecord> Scans { get; private set; } = [];

    public string DefaultUrl { get; private set; } = "";

    public string? Message { get; private set; }

    public bool IsError { get; private set; }

    /// <summary>The page; <paramref name="done"/> names what the form before it did (Post/Redirect/Get: reloading never posts again).</summary>
    public async Task<IActionResult> OnGetAsync(string id, string? done)
    {
        Message = done switch
        {
            "run" => "The scan will start as soon as an instance is free; this page shows it when it runs.",
            "schedule" => "Schedule saved.",
            "schedule-off" => "Schedule saved, and off.",
            _ => null,
        };
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostScheduleAsync(string id, string? cron, string? url, int maxPages, bool enabled)
    {
        if (!Access.IsAdmin(User))
        {
            return Forbid();
        }

        var problem = await scheduler.SaveAsync(id, cron, url, maxPages, enabled, Access.Actor(User), HttpContext.RequestAborted);
        if (problem is null)
        {
            return Redirect($"/admin/sites/{Uri.EscapeDataString(id)}/scans?done={(enabled ? "schedule" : "schedule-off")}");
        }

        (Message, IsError) = (problem, true);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRunAsync(string id)
    {
        if (!Access.IsAdmin(User))
        {
            return Forbid();
        }

        if (await scheduler.RunNowAsync(id, Access.Actor(User), HttpContext.RequestAborted))
        {
            // Redirected, so reloading the page shows the history instead of starting another scan.
            return Redirect($"/admin/sites/{Uri.EscapeDataString(id)}/scans?done=run");
        }

        (Message, IsError) = ("Save a schedule first: it names the start page.", true);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string id)
    {
        if (catalog.View(id, "") is not { } site)
        {
            return false;
        }

        SiteId = id;
        Schedule = await schedules.GetAsync(id, HttpContext.RequestAborted);
        Scans = await history.ListAsync(id, 100, HttpContext.RequestAborted);
        DefaultUrl = catalog.Domain(id) is { } domain ? $"https://{domain}/" : "";
        return site.Id == id;
    }
}
