using Consentry.Server.Accounts;
using Consentry.Server.Audit;
using Consentry.Server.Records;
using Consentry.Server.Sites;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Consentry.Server.Pages.Admin;

/// <summary>One site: its script tag, ledger state, revisions and the way to compare two.</summary>
internal sealed class SiteModel(SiteCatalog catalog, SiteRepository repository, VerificationService verification, AuditTrail audit) : PageModel
{
    public SiteView Site { get; private set; } = null!;

    public List<SiteRevision> Revisions { get; private set; } = [];

    public VerificationStatus? Verification { get; private set; }

    public string? Published { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? published)
    {
        if (catalog.View(id, Api.SitesApi.Origin(HttpContext)) is not { } site)
        {
            return NotFound();
        }

        Site = site;
        Published = published is "created" or "updated" or "unchanged" ? published : null;
        Revisions = await repository.RevisionsAsync(id, HttpContext.RequestAborted);
        Verification = await verification.LatestAsync(id, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync(string id)
    {
        if (!Access.IsAdmin(User))
        {
            return Forbid();
        }

        if (catalog.View(id, "") is null)
        {
            return NotFound();
        }

        await audit.RecordAsync(Access.Actor(User), "ledger.verify", id, "", HttpContext.RequestAborted);
        await verification.RunAsync(id, HttpContext.RequestAborted);
        return Redirect($"/admin/sites/{id}");
    }
}
