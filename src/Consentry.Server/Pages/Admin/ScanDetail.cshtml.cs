using Consentry.Server.Scans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Consentry.Server.Pages.Admin;

/// <summary>One scan: what it found and its drift from the scan before it.</summary>
internal sealed class ScanDetailModel(ScanHistory history) : PageModel
{
    public ScanRecord Scan { get; private set; } = null!;

    public DriftView? Drift { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string scanId)
    {
        if (await history.GetAsync(id, scanId, HttpContext.RequestAborted) is not { } scan)
        {
            return NotFound();
        }

        Scan = scan;
        Drift = await history.ReportAsync(id, scanId, "json", HttpContext.RequestAborted) is { } json ? DriftView.Read(json) : null;
        return Page();
    }
}
