using System.Security.Claims;
using Consentry.Server.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Consentry.Server.Pages.Admin;

/// <summary>Sign-in: the same answer for an unknown e-mail and a wrong password; a locked account says so.</summary>
internal sealed class LoginModel(AccountService accounts) : PageModel
{
    public string? Error { get; private set; }

    public string Email { get; private set; } = "";

    public string ReturnUrl { get; private set; } = "/admin";

    public void OnGet(string? returnUrl) => ReturnUrl = Local(returnUrl);

    public async Task<IActionResult> OnPostAsync(string email, string password, string? returnUrl)
    {
        Email = email ?? "";
        ReturnUrl = Local(returnUrl);
        var (outcome, user) = await accounts.SignInAsync(Email, password ?? "", HttpContext.RequestAborted);
        if (outcome != SignInOutcome.Succeeded || user is null)
        {
            Error = outcome == SignInOutcome.LockedOut
                ? "This account is locked after too many failed sign-ins. Try again later, or ask an admin to unlock it."
                : "The e-mail or the password is wrong.";
            Response.StatusCode = outcome == SignInOutcome.LockedOut ? StatusCodes.Status423Locked : StatusCodes.Status401Unauthorized;
            return Page();
        }

        await SignInAsync(HttpContext, user.Email, user.Role, user.MustChangePassword);
        return LocalRedirect(user.MustChangePassword ? "/admin/password" : ReturnUrl);
    }

    /// <summary>Issues the sign-in cookie; a session with a one-time password may only replace it.</summary>
    internal static Task SignInAsync(HttpContext context, string email, string role, bool mustChange)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, email), new(ClaimTypes.Role, role) };
        if (mustChange)
        {
            claims.Add(new Claim(Access.MustChangeClaim, "true"));
        }

        return context.SignInAsync(Access.CookieScheme, new ClaimsPrincipal(new ClaimsIdentity(claims, Access.CookieScheme)));
    }

    /// <summary>Only a path on this server (never //other.example or a full URL).</summary>
    private static string Local(string? url) =>
        url is { Length: > 1 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/admin";
}
