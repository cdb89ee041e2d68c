using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consentry.Server.Accounts;

/// <summary>
/// Authenticates API calls by <c>Authorization: Bearer csk_…</c> (or <c>X-Api-Key</c>). A missing or unknown key
/// is a 401 ProblemDetails with <c>WWW-Authenticate: Bearer</c>; the key's access and sites become claims.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : Request.Headers["X-Api-Key"].ToString().Trim();
        if (token.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (await keys.AuthenticateAsync(token, Context.RequestAborted) is not { } key)
        {
            return AuthenticateResult.Fail("The API key is unknown, revoked or malformed.");
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, "key:" + key.Id),
            new Claim(Access.AccessClaim, key.Access),
            new Claim(Access.SitesClaim, string.Join(',', key.Sites)),
        ], Access.KeyScheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Access.KeyScheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failed = (await HandleAuthenticateOnceSafeAsync()).Failure is not null;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(failed ? "The API key is unknown, revoked or malformed. Fix: create a key under /admin/keys and send it as 'Authorization: Bearer csk_…'." : "An API key is required. Fix: send 'Authorization: Bearer csk_…' (keys are created under /admin/keys).",
            statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem("This API key may not do that.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(Context);
}
