using System.Text.Json;
using Consentry.Server.Accounts;
using Consentry.Server.Notices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Consentry.Server.Api;

/// <summary><c>/api/v1/sites/{site}/notices/{revision}</c>: notices of a material change to the site's account holders.</summary>
internal static class NoticesApi
{
    /// <summary>The largest recipients request body: 10,000 recipients fit well within it.</summary>
    public const long MaxBody = 4 * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var notices = api.MapGroup("/sites/{site}/notices/{revision:int}").WithTags("Notices");
        notices.MapPost("/recipients", AddAsync)
            .Accepts<NoticeRecipientRequest[]>("application/json")
            .WithSummary("Hand over account holders to notify of this material revision: a JSON array of {address, language}, at most 10,000 a request. All or none: a batch with a bad entry is refused (422) with each problem located. An address already in the run is counted, not added again.");
        notices.MapPost("/send", async (string site, int revision, HttpContext c, NoticeService service, CancellationToken ct) =>
        {
            if (!Access.CanWrite(c.User, site))
            {
                return (IResult)ApiResults.Forbidden($"send notices for site '{site}'");
            }

            var (r, problem, missing) = await service.RevisionAsync(site, revision, ct);
            if (r is null)
            {
                return missing ? ApiResults.NotFound(problem!) : ApiResults.Conflict(problem!);
            }

            var (run, refused) = await service.StartAsync(r, Access.Actor(c.User), ct);
            return refused is null ? (IResult)TypedResults.Accepted($"/api/v1/sites/{site}/notices/{revision}", run) : ApiResults.Conflict(refused);
        }).WithSummary("Start sending (throttled, resumable); 409 when there are no recipients, no SMTP server, or it was started already.");
        notices.MapGet("/", async (string site, int revision, HttpContext c, NoticeService service, CancellationToken ct) =>
            !Access.CanRead(c.User, site) ? (IResult)ApiResults.Forbidden($"read site '{site}'")
            : await service.ProgressAsync(site, revision, ct) is { } run ? TypedResults.Ok(run) : ApiResults.NotFound($"A notice run for revision {revision} of site '{site}'"))
            .WithSummary("The run's delivery report: recipients, sent, failed, bounced (by SMTP reply code), pending.");
        notices.MapGet("/preview", async (string site, int revision, string? language, HttpContext c, NoticeService service, CancellationToken ct) =>
        {
            if (!Access.CanRead(c.User, site))
            {
                return (IResult)ApiResults.Forbidden($"read site '{site}'");
            }

            var (r, problem, missing) = await service.RevisionAsync(site, revision, ct);
            return r is null ? (missing ? ApiResults.NotFound(problem!) : ApiResults.Conflict(problem!)) : TypedResults.Ok(await service.PreviewAsync(r, language ?? "en", ct));
        }).WithSummary("The notice as a recipient writing the language would get it: subject, plain text and HTML.");
    }

    private static async Task<IResult> AddAsync(string site, int revision, HttpContext c, NoticeService service, CancellationToken ct)
    {
        if (!Access.CanWrite(c.User, site))
        {
            return ApiResults.Forbidden($"hand over recipients for site '{site}'");
        }

        var (r, problem, missing) = await service.RevisionAsync(site, revision, ct);
        if (r is null)
        {
            return missing ? ApiResults.NotFound(problem!) : ApiResults.Conflict(problem!);
        }

        if (c.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBody;
        }

        List<NoticeRecipient> recipients;
        List<string> problems;
        try
        {
            (recipients, problems) = await RecipientInput.ReadJsonAsync(c.Request.Body, Consentry.Manifests.ManifestLoader.Parse(r.Yaml, r.FileName).GetValidManifest().Site.Language, ct);
        }
        catch (JsonException e)
        {
            return ApiResults.BadRequest($"The body is not a JSON array of {{\"address\", \"language\"}} objects: {e.Message}");
        }

        if (problems.Count > 0)
        {
            return TypedResults.Problem($"{problems.Count} recipient(s) refused, so none was added: {string.Join("; ", problems.Take(100))}", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Invalid recipients");
        }

        var (run, added, refused) = await service.AddAsync(r, recipients, Access.Actor(c.User), ct);
        return refused is null ? (IResult)TypedResults.Ok(new { run = run.Id, added, alreadyInRun = recipients.Count - added }) : ApiResults.Conflict(refused);
    }
}
