using Consentry.Server.Records;
using Consentry.Server.Sites;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Consentry.Server.Pages.Admin;

/// <summary>The sites, their latest revisions and the state of their ledger chains.</summary>
internal sealed class IndexModel(SiteCatalog catalog, VerificationService verification) : PageModel
{
    public IReadOnlyList<SiteView> Sites { get; private set; } = [];

    public Dictionary<string, VerificationStatus> Verification { get; } = new(StringComparer.Ordinal);

    public async Task OnGetAsync()
    {
        Sites = catalog.Views(Api.SitesApi.Origin(HttpContext));
        foreach (var s in Sites)
        {
            if (await verification.LatestAsync(s.Id, HttpContext.RequestAborted) is { } v)
            {
                Verification[s.Id] = v;
            }
        }
    }
}
