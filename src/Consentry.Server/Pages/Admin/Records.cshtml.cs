using Consentry.Server.Accounts;
using Consentry.Server.Api;
using Consentry.Server.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Consentry.Server.Pages.Admin;

/// <summary>A visitor's receipts (look-up, verifiable download) and the site's exports; every access audited.</summary>
internal sealed class RecordsModel(RecordsService records) : PageModel
{
    public string SiteId { get; private set; } = "";

    public string ConsentId { get; private set; } = "";

    public string? Problem { get; private set; }

    public IReadOnlyList<ReceiptView>? Receipts { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? consentId)
    {
        if (!records.IsServed(id))
        {
            return NotFound();
        }

        SiteId = id;
        ConsentId = consentId?.Trim().ToLowerInvariant() ?? "";
        if (ConsentId.Length == 0)
        {
            return Page();
        }

        if (!RecordsApi.IsConsentId(ConsentId))
        {
            Problem = "A consent id is 32 hexadecimal digits, as the banner stores it in the consent cookie.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Receipts = await records.LookUpAsync(id, ConsentId, Access.Actor(User), HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(string id, string? consentId)
    {
        if (!records.IsServed(id) || consentId is null || !RecordsApi.IsConsentId(consentId))
        {
            return NotFound();
        }

        await records.DownloadAsync(Response, id, consentId, Access.Actor(User), HttpContext.RequestAborted);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnGetExportAsync(string id, string? from, string? to, string? format)
    {
        if (!records.IsServed(id))
        {
            return NotFound();
        }

        if (format is not (null or "jsonl" or "csv") || !RecordsApi.Instant(from, out var start) || !RecordsApi.Instant(to, out var end))
        {
            SiteId = id;
            Problem = "Choose the format jsonl or csv, and dates as YYYY-MM-DD.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await records.AuditAsync(Access.Actor(User), "records.export", id, $"{(string.IsNullOrEmpty(from) ? "start" : from)} to {(string.IsNullOrEmpty(to) ? "now" : to)} as {format ?? "jsonl"}", HttpContext.RequestAborted);
        await records.ExportAsync(Response, id, start, end, format == "csv", HttpContext.RequestAborted);
        return new EmptyResult();
    }
}
