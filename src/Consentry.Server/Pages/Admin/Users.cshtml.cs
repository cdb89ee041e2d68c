using Consentry.Server.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Consentry.Server.Pages.Admin;

/// <summary>Accounts: add (with a generated password shown once), unlock, remove.</summary>
[Authorize(Policy = Access.AdminAccount)]
internal sealed class UsersModel(AccountService accounts, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ServerUser> Users { get; private set; } = [];

    public long Now { get; private set; }

    public string? Message { get; private set; }

    public bool IsError { get; private set; }

    public string? Password { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAddAsync(string email, string role)
    {
        var (password, problem) = await accounts.CreateAsync(email, role, null, Access.Actor(User), HttpContext.RequestAborted);
        (Message, IsError, Password) = problem is null ? ($"Account {email} added as {role}.", false, password) : (problem, true, null);
        Response.StatusCode = problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string email)
    {
        if (email == User.Identity?.Name)
        {
            (Message, IsError) = ("You cannot remove your own account.", true);
        }
        else
        {
            (Message, IsError) = await accounts.RemoveAsync(email, Access.Actor(User), HttpContext.RequestAborted) ? ($"Account {email} removed.", false) : ($"No account {email}.", true);
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostUnlockAsync(string email)
    {
        (Message, IsError) = await accounts.UnlockAsync(email, Access.Actor(User), HttpContext.RequestAborted) ? ($"Account {email} unlocked.", false) : ($"No account {email}.", true);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        Users = await accounts.ListAsync(HttpContext.RequestAborted);
    }
}
