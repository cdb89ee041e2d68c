using Consentry.Server.Accounts;
using Consentry.Server.Sites;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Consentry.Server.Pages.Admin;

/// <summary>API keys: created with a token shown once, scoped to sites and an access level; revoked.</summary>
[Authorize(Policy = Access.AdminAccount)]
internal sealed class KeysModel(ApiKeyService keys, SiteCatalog catalog) : PageModel
{
    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];

    public IReadOnlyList<string> Sites { get; private set; } = [];

    public string? Message { get; private set; }

    public bool IsError { get; private set; }

    public string? Token { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(string name, string access, string[]? sites)
    {
        var (key, token, problem) = await keys.CreateAsync(name, sites ?? [], access, Access.Actor(User), HttpContext.RequestAborted);
        (Message, IsError, Token) = problem is null ? ($"Key {key!.Id} created.", false, token) : (problem, true, null);
        Response.StatusCode = problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string id)
    {
        (Message, IsError) = await keys.RevokeAsync(id, Access.Actor(User), HttpContext.RequestAborted) ? ($"Key {id} revoked.", false) : ($"No live key {id}.", true);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Keys = await keys.ListAsync(HttpContext.RequestAborted);
        Sites = [.. catalog.Views("").Select(s => s.Id)];
    }
}
