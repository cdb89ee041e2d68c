using Consentry.Server.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Consentry.Server.Pages.Admin;

/// <summary>The signed-in account replaces its password (required after a one-time password).</summary>
internal sealed class PasswordModel(AccountService accounts) : PageModel
{
    public bool MustChange => User.HasClaim(c => c.Type == Access.MustChangeClaim);

    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync(string current, string replacement)
    {
        Error = await accounts.ChangePasswordAsync(Access.Actor(User), current, replacement, HttpContext.RequestAborted);
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await LoginModel.SignInAsync(HttpContext, Access.Actor(User), User.IsInRole(Roles.Admin) ? Roles.Admin : Roles.Auditor, mustChange: false);
        return Redirect("/admin");
    }
}
