using System.Security.Claims;
using Consentry.Server.Accounts;
using Consentry.Server.Records;
using Consentry.Server.Sites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Consentry.Server.Api;

/// <summary><c>/api/v1/sites</c>: sites, their revisions and the differences between them, manifest uploads, and ledger verification.</summary>
internal static class SitesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var sites = api.MapGroup("/sites").WithTags("Sites");
        sites.MapGet("/", (HttpContext c, SiteCatalog catalog) =>
            TypedResults.Ok(catalog.Views(Origin(c)).Where(s => Access.CanRead(c.User, s.Id)).ToList()))
            .WithSummary("Every site this key may read.");
        sites.MapGet("/{site}", (string site, HttpContext c, SiteCatalog catalog) =>
            !Access.CanRead(c.User, site) ? (IResult)ApiResults.Forbidden($"read site '{site}'")
            : catalog.View(site, Origin(c)) is { } view ? TypedResults.Ok(view) : ApiResults.NotFound($"Site '{site}'"))
            .WithSummary("One site: its name, served revision and script tag.");
        sites.MapPut("/{site}/manifest", PublishAsync)
            .Accepts<string>("application/yaml", "text/yaml", "text/plain")
            .WithSummary("Upload a manifest (the request body, YAML) as the site's next revision; creates the site when new. 201 created, 200 updated or unchanged, 422 with located errors.");
        sites.MapGet("/{site}/revisions", async (string site, HttpContext c, SiteRepository repository, CancellationToken ct) =>
            !Access.CanRead(c.User, site) ? (IResult)ApiResults.Forbidden($"read site '{site}'")
            : await repository.RevisionsAsync(site, ct) is { Count: > 0 } list ? TypedResults.Ok(list.Select(r => r with { Yaml = "" }))
            : ApiResults.NotFound($"Site '{site}'"))
            .WithSummary("The site's revisions, newest first (without their text; see …/revisions/{number}/manifest).");
        sites.MapGet("/{site}/revisions/{number:int}/manifest", async (string site, int number, HttpContext c, SiteRepository repository, CancellationToken ct) =>
            !Access.CanRead(c.User, site) ? (IResult)ApiResults.Forbidden($"read site '{site}'")
            : await repository.RevisionAsync(site, number, ct) is { } r ? TypedResults.Text(r.Yaml, "application/yaml; charset=utf-8")
            : ApiResults.NotFound($"Revision {number} of site '{site}'"))
            .WithSummary("One revision's manifest, as uploaded.");
        sites.MapGet("/{site}/diff", DiffAsync)
            .WithSummary("What changed between two revisions (default: the latest and the one before): the classified changes and the policy as a redline.");
        sites.MapGet("/{site}/verification", async (string site, HttpContext c, VerificationService verification, CancellationToken ct) =>
            !Access.CanRead(c.User, site) ? (IResult)ApiResults.Forbidden($"read site '{site}'")
            : await verification.LatestAsync(site, ct) is { } status ? TypedResults.Ok(status) : ApiResults.NotFound($"A verification of site '{site}'"))
            .WithSummary("The last verification of the site's chain in the ledger.");
        sites.MapPost("/{site}/verification", async (string site, HttpContext c, SiteCatalog catalog, VerificationService verification, Audit.AuditTrail audit, CancellationToken ct) =>
        {
            if (!Access.CanWrite(c.User, site))
            {
                return (IResult)ApiResults.Forbidden($"verify site '{site}'");
            }

            if (catalog.View(site, Origin(c)) is null)
            {
                return ApiResults.NotFound($"Site '{site}'");
            }

            await audit.RecordAsync(Access.Actor(c.User), "ledger.verify", site, "", ct);
            return TypedResults.Ok(await verification.RunAsync(site, ct));
        }).WithSummary("Verify the site's chain now.");
    }

    internal static string Origin(HttpContext c) => $"{c.Request.Scheme}://{c.Request.Host}";

    private static async Task<IResult> PublishAsync(string site, string? fileName, HttpContext c, SiteCatalog catalog, IOptions<ServerOptions> options, CancellationToken ct)
    {
        if (!Access.CanWrite(c.User, site))
        {
            return ApiResults.Forbidden($"publish site '{site}'");
        }

        string? yaml;
        try
        {
            yaml = await ApiResults.ReadTextAsync(c.Request, options.Value.MaxManifestBytes, ct);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return ApiResults.BadRequest("The manifest is not UTF-8 text. Fix: save cookies.yaml as UTF-8.");
        }

        if (yaml is null)
        {
            return ApiResults.TooLarge(options.Value.MaxManifestBytes);
        }

        var result = await catalog.PublishAsync(site, fileName ?? "cookies.yaml", yaml, Access.Actor(c.User), ct);
        return result.Outcome switch
        {
            PublishOutcome.BadSiteId => ApiResults.BadRequest(result.Errors[0] + "."),
            PublishOutcome.Invalid => TypedResults.Problem(
                string.Join("\n", result.Errors), statusCode: StatusCodes.Status422UnprocessableEntity, title: "The manifest has errors; nothing was stored",
                extensions: new Dictionary<string, object?> { ["errors"] = result.Errors, ["warnings"] = result.Warnings }),
            PublishOutcome.Created => TypedResults.Created($"/api/v1/sites/{site}", result),
            _ => TypedResults.Ok(result),
        };
    }

    private static async Task<IResult> DiffAsync(string site, int? from, int? to, HttpContext c, SiteRepository repository, CancellationToken ct)
    {
        if (!Access.CanRead(c.User, site))
        {
            return ApiResults.Forbidden($"read site '{site}'");
        }

        var newer = to is { } t ? await repository.RevisionAsync(site, t, ct) : await repository.LatestAsync(site, ct);
        if (newer is null)
        {
            return ApiResults.NotFound(to is null ? $"Site '{site}'" : $"Revision {to} of site '{site}'");
        }

        var olderNumber = from ?? newer.Number - 1;
        var older = await repository.RevisionAsync(site, olderNumber, ct);
        return older is null ? ApiResults.NotFound($"Revision {olderNumber} of site '{site}'") : TypedResults.Ok(RevisionDiff.Of(older, newer));
    }
}
