using System.Globalization;
using System.Text;
using Consentry.Ledger.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Consentry.AspNetCore;

/// <summary>
/// The public, rate-limited read side of a site's transparency log, under <c>{PathBase}/log/</c>: the newest signed
/// checkpoint (<c>checkpoint</c>, a C2SP signed note), the log's verifier key (<c>key</c>), and proofs
/// (<c>proof/inclusion?index=&amp;size=</c>, <c>proof/consistency?from=&amp;to=</c>) as JSON lists of base64 hashes.
/// Only hashes leave: no receipt, and nothing that tells one visitor's choice from another's.
/// </summary>
internal static class LogEndpoints
{
    private const string Immutable = "public, max-age=31536000, immutable";

    public static void Map(RouteGroupBuilder group, IServiceProvider services, Func<HttpContext, ConsentrySite?> find)
    {
        var store = services.GetRequiredService<IReceiptStore>();
        var signing = services.GetRequiredService<LedgerSigning>();
        var log = group.MapGroup("/log");
        log.AddEndpointFilter(services.GetRequiredService<LogRateLimiter>());
        log.MapGet("/key", (Func<HttpContext, Task<IResult>>)(c => Site(c, find, s => Task.FromResult<IResult>(signing.VerifierKey(s.SiteId) is { } key
            ? Text(c, key + "\n", "no-cache")
            : Unsigned()))));
        log.MapGet("/checkpoint", (Func<HttpContext, Task<IResult>>)(c => Site(c, find, async s => await store.CheckpointAsync(s.SiteId, cancellationToken: c.RequestAborted) is { } note
            ? Text(c, note, "no-cache")
            : Unsigned())));
        log.MapGet("/proof/inclusion", (HttpContext c, string? index, string? size) => Site(c, find, s => InclusionAsync(c, store, s.SiteId, index, size)));
        log.MapGet("/proof/consistency", (HttpContext c, string? from, string? to) => Site(c, find, s => ConsistencyAsync(c, store, s.SiteId, from, to)));
    }

    private static async Task<IResult> InclusionAsync(HttpContext c, IReceiptStore store, string site, string? index, string? size)
    {
        if (Number(index) is not { } leaf)
        {
            return Bad("'index' is the receipt's leaf index: a whole number from 0 (the 'leafIndex' of the receipt's answer).");
        }

        string? note = null;
        long treeSize;
        if (size is null)
        {
            // Against the newest signed checkpoint, given with the proof: one answer a visitor can check offline.
            note = await store.CheckpointAsync(site, cancellationToken: c.RequestAborted);
            if (note is null)
            {
                return Unsigned();
            }

            treeSize = Ledger.Transparency.SignedCheckpoints.ReadUnverified(note).Size;
        }
        else if (Number(size) is { } given)
        {
            treeSize = given;
        }
        else
        {
            return Bad("'size' is a tree size: a whole number from 1.");
        }

        return await ProveAsync(c, size is null ? "no-cache" : Immutable, async () => new InclusionAnswer(site, leaf, treeSize,
            [.. (await store.InclusionProofAsync(site, leaf, treeSize, c.RequestAborted)).Select(Convert.ToBase64String)], note));
    }

    private static Task<IResult> ConsistencyAsync(HttpContext c, IReceiptStore store, string site, string? from, string? to) =>
        Number(from) is not { } oldSize || Number(to) is not { } newSize
            ? Task.FromResult<IResult>(Bad("'from' and 'to' are tree sizes: whole numbers from 1, 'from' no larger than 'to'."))
            : ProveAsync(c, Immutable, async () => new ConsistencyAnswer(site, oldSize, newSize,
                [.. (await store.ConsistencyProofAsync(site, oldSize, newSize, c.RequestAborted)).Select(Convert.ToBase64String)]));

    private static async Task<IResult> ProveAsync<T>(HttpContext c, string cacheControl, Func<Task<T>> prove)
    {
        try
        {
            var answer = await prove();
            c.Response.Headers.CacheControl = cacheControl;
            return TypedResults.Json(answer, System.Text.Json.JsonSerializerOptions.Web);
        }
        catch (ArgumentOutOfRangeException e)
        {
            return Bad(e.Message.Split(" (Parameter", 2)[0]);
        }
        catch (KeyNotFoundException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "No transparency log");
        }
    }

    private static async Task<IResult> Site(HttpContext c, Func<HttpContext, ConsentrySite?> find, Func<ConsentrySite, Task<IResult>> answer)
    {
        if (find(c) is not { } site)
        {
            return ConsentryEndpoints.UnknownSite(c);
        }

        try
        {
            return await answer(site);
        }
        catch (LedgerUnavailableException)
        {
            c.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem("The consent ledger is unavailable; retry later.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Ledger unavailable");
        }
        catch (InvalidDataException e)
        {
            // Stored hashes missing or a checkpoint unreadable: one line for the operator, no detail for the visitor.
            var logger = c.RequestServices.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger(typeof(LogEndpoints).FullName!);
            ConsentryLog.LogDamaged(logger, site.SiteId, e.Message);
            return TypedResults.Problem("The site's transparency log cannot give this proof now; the operator has been told.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Log damaged");
        }
    }

    private static long? Number(string? text) =>
        text is { Length: > 0 and <= 19 } && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Text(HttpContext c, string text, string cacheControl)
    {
        c.Response.Headers.CacheControl = cacheControl;
        c.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Text(text, "text/plain", Encoding.UTF8);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Bad(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid proof request");

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Unsigned() => TypedResults.Problem(
        "This ledger signs no checkpoints yet (none was signed, or no signing key is configured: 'consentry ledger keygen', then LedgerSigningKeyPath).",
        statusCode: StatusCodes.Status404NotFound, title: "No signed checkpoint");

    private sealed record InclusionAnswer(string Site, long Index, long Size, IReadOnlyList<string> Hashes, string? Checkpoint);

    private sealed record ConsistencyAnswer(string Site, long From, long To, IReadOnlyList<string> Hashes);
}
