using Consentry.Server.Audit;
using Consentry.Server.Records;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Consentry.Server.Pages.Admin;

/// <summary>The newest 200 audit entries and the last verification of the audit chain.</summary>
internal sealed class AuditModel(AuditTrail audit, VerificationService verification) : PageModel
{
    public IReadOnlyList<AuditRecord> Entries { get; private set; } = [];

    public VerificationStatus? Verification { get; private set; }

    public async Task OnGetAsync()
    {
        Entries = await audit.LatestAsync(200, cancellationToken: HttpContext.RequestAborted);
        Verification = await verification.LatestAsync(AuditTrail.SiteId, HttpContext.RequestAborted);
    }
}
