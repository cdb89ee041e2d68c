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

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostScheduleAsync(string id, string? cron, string? url, int maxPages, bool enabled)
    {
        if (!Access.IsAdmin(User))
        {
            return Forbid();
        }

        var problem = await scheduler.SaveAsync(id, cron, url, maxPages, enabled, Access.Actor(User), HttpContext.RequestAborted);
        (Message, IsError) = problem is null ? (enabled ? "Schedule saved." : "Schedule saved, and off.", false) : (problem, true);
        Response.StatusCode = problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRunAsync(string id)
    {
        if (!Access.IsAdmin(User))
        {
            return Forbid();
        }

        var started = await scheduler.RunNowAsync(id, Access.Actor(User), HttpContext.RequestAborted);
        (Message, IsError) = started ? ("The scan will start as soon as an instance is free; this page shows it when it runs.", false) : ("Save a schedule first: it names the start page.", true);
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
