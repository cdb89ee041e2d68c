using Consentry.Server.Accounts;
using Consentry.Server.Sites;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Consentry.Server.Pages.Admin;

/// <summary>Adds a site, or a revision of one, from an uploaded or pasted manifest; located errors are shown exactly as <c>consentry validate</c> prints them.</summary>
[Authorize(Policy = Access.AdminAccount)]
[RequestSizeLimit(2 * 1024 * 1024 + 64 * 1024)]
internal sealed class SiteAddModel(SiteCatalog catalog, IOptions<ServerOptions> options) : PageModel
{
    public string SiteId { get; private set; } = "";

    public string Text { get; private set; } = "";

    public bool Existing { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet(string? site)
    {
        SiteId = site ?? "";
        Existing = site is not null && catalog.View(site, "") is not null;
    }

    public async Task<IActionResult> OnPostAsync(string siteId, IFormFile? file, string? text)
    {
        SiteId = siteId ?? "";
        var limit = options.Value.MaxManifestBytes;
        if (file is { Length: > 0 } && file.Length > limit || (text?.Length ?? 0) > limit)
        {
            Errors = [$"The manifest is larger than {limit} bytes; a manifest is a text file of a few kilobytes."];
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Page();
        }

        string yaml;
        string fileName = "cookies.yaml";
        if (file is { Length: > 0 })
        {
            using var reader = new StreamReader(file.OpenReadStream(), new System.Text.UTF8Encoding(false, true));
            try
            {
                yaml = await reader.ReadToEndAsync(HttpContext.RequestAborted);
            }
            catch (System.Text.DecoderFallbackException)
            {
                Errors = ["The file is not UTF-8 text. Save cookies.yaml as UTF-8 and upload it again."];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            fileName = file.FileName;
        }
        else
        {
            yaml = text ?? "";
        }

        Text = yaml;
        var result = await catalog.PublishAsync(SiteId, fileName, yaml, Access.Actor(User), HttpContext.RequestAborted);
        if (result.Outcome is PublishOutcome.Invalid or PublishOutcome.BadSiteId)
        {
            Errors = result.Errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        return Redirect($"/admin/sites/{SiteId}?published={result.Outcome.ToString().ToLowerInvariant()}");
    }
}
