using Consentry.Server.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consentry.Server.Api;

/// <summary>Route groups for admin keys only: one check for the whole group instead of one in every handler.</summary>
internal static class AdminGroups
{
    /// <summary>Every endpoint of the group answers 403, saying the key may not <paramref name="what"/>, to a key that is not an admin's; its handler does not run.</summary>
    public static RouteGroupBuilder ForAdmins(this RouteGroupBuilder group, string what)
    {
        group.AddEndpointFilter(async (context, next) => Access.IsAdmin(context.HttpContext.User) ? await next(context) : ApiResults.Forbidden(what));
        return group;
    }
}
