using Consentry.Server.Sites;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Consentry.Server.Pages.Admin;

/// <summary>The difference between two revisions of a site: the classified changes and the policy as a redline.</summary>
internal sealed class DiffModel(SiteRepository repository) : PageModel
{
    public DiffView Diff { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, int? from, int? to)
    {
        var newer = to is { } t ? await repository.RevisionAsync(id, t, HttpContext.RequestAborted) : await repository.LatestAsync(id, HttpContext.RequestAborted);
        if (newer is null)
        {
            return NotFound();
        }

        var older = await repository.RevisionAsync(id, from ?? newer.Number - 1, HttpContext.RequestAborted);
        if (older is null)
        {
            return NotFound();
        }

        Diff = RevisionDiff.Of(older, newer);
        return Page();
    }
}
