using Consentry.Server.Accounts;
using Consentry.Server.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consentry.Server.Api;

/// <summary><c>/api/v1/users</c>, <c>/api/v1/keys</c> and <c>/api/v1/audit</c>: accounts, API keys and the audit trail, for admin keys only.</summary>
internal static class AdminApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Accounts").ForAdmins("manage accounts");
        users.MapGet("/", async (AccountService accounts, CancellationToken ct) =>
            TypedResults.Ok((await accounts.ListAsync(ct)).Select(u => new { u.Email, u.Role, locked = u.LockedUntil > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), u.Created })))
            .WithSummary("Every account (never a password hash).");
        users.MapPost("/", async (AccountRequest body, HttpContext c, AccountService accounts, CancellationToken ct) =>
        {
            var (password, problem) = await accounts.CreateAsync(body.Email, body.Role, body.Password, Access.Actor(c.User), ct);
            return problem is not null ? (IResult)ApiResults.BadRequest(problem)
                : TypedResults.Created($"/api/v1/users/{Uri.EscapeDataString(body.Email)}", new { email = body.Email.Trim().ToLowerInvariant(), body.Role, password = body.Password is null ? password : null });
        }).WithSummary("Add an account; without a password one is generated and answered once.");
        users.MapPost("/{email}/unlock", async (string email, HttpContext c, AccountService accounts, CancellationToken ct) =>
            await accounts.UnlockAsync(email, Access.Actor(c.User), ct) ? (IResult)TypedResults.NoContent() : ApiResults.NotFound($"Account '{email}'"))
            .WithSummary("Unlock an account locked by failed sign-ins.");
        users.MapDelete("/{email}", async (string email, HttpContext c, AccountService accounts, CancellationToken ct) =>
            await accounts.RemoveAsync(email, Access.Actor(c.User), ct) ? (IResult)TypedResults.NoContent() : ApiResults.NotFound($"Account '{email}'"))
            .WithSummary("Remove an account.");

        var keys = api.MapGroup("/keys").WithTags("API keys").ForAdmins("manage API keys");
        keys.MapGet("/", async (ApiKeyService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)))
            .WithSummary("Every API key (never its secret).");
        keys.MapPost("/", async (KeyRequest body, HttpContext c, ApiKeyService service, CancellationToken ct) =>
        {
            var (key, token, problem) = await service.CreateAsync(body.Name, body.Sites ?? [], body.Access, Access.Actor(c.User), ct);
            return problem is not null ? (IResult)ApiResults.BadRequest(problem) : TypedResults.Created($"/api/v1/keys/{key!.Id}", new { key, token });
        }).WithSummary("Create an API key; its token is answered once and never again.");
        keys.MapDelete("/{id}", async (string id, HttpContext c, ApiKeyService service, CancellationToken ct) =>
            await service.RevokeAsync(id, Access.Actor(c.User), ct) ? (IResult)TypedResults.NoContent() : ApiResults.NotFound($"Live API key '{id}'"))
            .WithSummary("Revoke an API key.");

        api.MapGet("/audit", async (int? limit, string? target, HttpContext c, AuditTrail audit, CancellationToken ct) =>
            !Access.CanAudit(c.User) ? (IResult)ApiResults.Forbidden("read the audit trail")
            : TypedResults.Ok(await audit.LatestAsync(Math.Clamp(limit ?? 100, 1, 1000), target, ct)))
            .WithTags("Audit trail").WithSummary("The newest audit entries, newest first (at most 1000), optionally only those naming one target.");
    }
}
