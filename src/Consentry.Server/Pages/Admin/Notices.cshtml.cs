using Consentry.Server.Accounts;
using Consentry.Server.Notices;
using Consentry.Server.Sites;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Consentry.Server.Pages.Admin;

/// <summary>A site's notice runs: recipients by CSV upload, a preview per language, sending, and the delivery report.</summary>
internal sealed class NoticesModel(NoticeService notices, SiteRepository sites, SiteCatalog catalog) : PageModel
{
    /// <summary>The largest CSV accepted: some hundred thousand addresses.</summary>
    public const long MaxCsvBytes = 20 * 1024 * 1024;

    public string SiteId { get; private set; } = "";

    public IReadOnlyList<(SiteRevision Revision, NoticeRun? Run)> Revisions { get; private set; } = [];

    public NoticeMessage? Preview { get; private set; }

    public string? Message { get; private set; }

    public bool IsError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, int? preview, string? language)
    {
        if (preview is { } n && (await notices.RevisionAsync(id, n, HttpContext.RequestAborted)).Revision is { } r)
        {
            Preview = await notices.PreviewAsync(r, language ?? "en", HttpContext.RequestAborted);
        }

        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostUploadAsync(string id, int revision, IFormFile? csv)
    {
        if (!Access.IsAdmin(User))
        {
            return Forbid();
        }

        var (r, problem, _) = await notices.RevisionAsync(id, revision, HttpContext.RequestAborted);
        problem ??= csv is null || csv.Length == 0 ? "Choose a CSV file." : csv.Length > MaxCsvBytes ? $"The file is larger than {MaxCsvBytes / 1024 / 1024} MB: upload it in parts." : null;
        if (problem is null)
        {
            problem = await UploadAsync(r!, csv!);
        }

        Response.StatusCode = problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSendAsync(string id, int revision)
    {
        if (!Access.IsAdmin(User))
        {
            return Forbid();
        }

        var (r, problem, _) = await notices.RevisionAsync(id, revision, HttpContext.RequestAborted);
        if (r is not null)
        {
            (_, problem) = await notices.StartAsync(r, Access.Actor(User), HttpContext.RequestAborted);
        }

        (Message, IsError) = problem is null ? ($"Sending the notice of revision {revision}; this page shows its progress.", false) : (problem, true);
        Response.StatusCode = problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<string?> UploadAsync(SiteRevision revision, IFormFile csv)
    {
        var language = Consentry.Manifests.ManifestLoader.Parse(revision.Yaml, revision.FileName).GetValidManifest().Site.Language;
        var recipients = new List<NoticeRecipient>();
        var problems = new List<string>();
        using var reader = new StreamReader(csv.OpenReadStream());
        await foreach (var (recipient, problem) in RecipientInput.ReadCsvAsync(reader, language))
        {
            if (problem is not null)
            {
                problems.Add(problem);
            }
            else
            {
                recipients.Add(recipient!);
            }
        }

        if (problems.Count > 0 || recipients.Count == 0)
        {
            (Message, IsError) = (recipients.Count == 0 && problems.Count == 0 ? "The file has no recipients." : $"{problems.Count} line(s) refused, so none was added: {string.Join("; ", problems.Take(20))}", true);
            return Message;
        }

        var (_, added, refused) = await notices.AddAsync(revision, recipients, Access.Actor(User), HttpContext.RequestAborted);
        (Message, IsError) = refused is null ? ($"{added} recipient(s) added, {recipients.Count - added} already in the run.", false) : (refused, true);
        return refused;
    }

    private async Task<bool> LoadAsync(string id)
    {
        if (catalog.View(id, "") is null)
        {
            return false;
        }

        SiteId = id;
        var list = new List<(SiteRevision, NoticeRun?)>();
        foreach (var r in (await sites.RevisionsAsync(id, HttpContext.RequestAborted)).Where(r => r.Material && r.Number > 1))
        {
            list.Add((r, await notices.ProgressAsync(id, r.Number, HttpContext.RequestAborted)));
        }

        Revisions = list;
        return true;
    }
}
