using System.Globalization;
using System.Text;
using System.Text.Json;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stores;
using Consentry.Ledger.Writing;
using Consentry.Regions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Consentry.AspNetCore;

/// <summary>
/// <c>POST {PathBase}/receipts</c>: 201 with the entry's sequence, hash and leaf index in the site's transparency log only after the receipt is durably
/// committed (a replay of a stored receipt id answers with the stored entry); 400 (invalid), 413 (over 4 KB),
/// 408/400 (a body that is too slow or malformed on the wire), 429 (rate limit, from the rate limiter), 503
/// with Retry-After (ledger unavailable). Errors are ProblemDetails and one log line, never a stack trace.
/// Accepts <c>text/plain</c> bodies so cross-origin <c>keepalive</c> sends need no preflight.
/// </summary>
internal static class ReceiptEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, ConsentrySite site, ReceiptWriter writer)
    {
        var request = context.Request;
        var body = await BoundedBody.ReadAsync(context, ReceiptRequest.MaxBytes,
            bytes => ReceiptRequest.Parse(bytes, site, request.Headers.UserAgent, request.Host.Host, DateTimeOffset.UtcNow));
        if (body.Aborted)
        {
            return Results.Empty;
        }

        if (!body.Read)
        {
            return Refused(context, site, body.TooLarge ? TooLarge() : TypedResults.Problem(body.Detail, statusCode: body.Status, title: "Unreadable receipt body"));
        }

        var (receipt, error) = body.Value;
        if (receipt is null)
        {
            return Refused(context, site, TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Invalid consent receipt"));
        }

        return await StoreAsync(context, WithRegion(site, context.GetVisitorRegion(), receipt), writer);
    }

    /// <summary>
    /// The region (from the CDN's headers, trusted senders only; never from the body) and the consent model the visitor was
    /// asked under, on sites with regional rules or region headers; others' receipts stay as they were.
    /// </summary>
    internal static ConsentReceipt WithRegion(ConsentrySite site, VisitorRegion? region, ConsentReceipt receipt)
    {
        return region is null && site.Manifest.Regions.Count == 0
            ? receipt
            : receipt with { Region = region?.Code, Model = ConsentModelNames.Of(site.Manifest.ConsentModelFor(region)) };
    }

    private static async Task<IResult> StoreAsync(HttpContext context, ConsentReceipt receipt, ReceiptWriter writer)
    {
        var health = context.RequestServices.GetRequiredService<LedgerHealthLog>();
        try
        {
            var entry = await writer.WriteAsync(receipt, context.RequestAborted);
            health.Stored();
            ReceiptMetrics.Accept(entry.Site);
            // Site ids and hashes are plain ASCII ([a-z0-9-] and hex); JSON-encode the site anyway.
            var leaf = entry.LeafIndex is { } index ? ",\"leafIndex\":" + index.ToString(CultureInfo.InvariantCulture) : "";
            var json = $"{{\"site\":{JsonSerializer.Serialize(entry.Site)},\"sequence\":{entry.Sequence.ToString(CultureInfo.InvariantCulture)},\"hash\":\"{entry.Hash}\"{leaf}}}";
            return TypedResults.Text(json, "application/json", Encoding.UTF8, StatusCodes.Status201Created);
        }
        catch (LedgerUnavailableException e)
        {
            health.Refused(e);
            ReceiptMetrics.Refuse(receipt.Site, StatusCodes.Status503ServiceUnavailable);
            context.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem("The consent ledger is unavailable; nothing was stored. Retry later.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Ledger unavailable");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
    }

    private static ProblemHttpResult Refused(HttpContext context, ConsentrySite site, ProblemHttpResult problem)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReceiptEndpoint).FullName!);
        ConsentryLog.ReceiptRefused(logger, site.SiteId, problem.StatusCode, problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "");
        ReceiptMetrics.Refuse(site.SiteId, problem.StatusCode);
        return problem;
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem($"A receipt is at most {ReceiptRequest.MaxBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Receipt too large");
}
