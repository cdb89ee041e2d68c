using Consentry.Ledger.Stores;
using Consentry.Ledger.Writing;
using Microsoft.AspNetCore.Http;

namespace Consentry.AspNetCore;

/// <summary>
/// <c>POST {PathBase}/receipts</c>: 201 with the entry's sequence and hash only after the receipt is durably
/// committed; 400 (invalid), 413 (over 4 KB), 429 (rate limit, from the rate limiter), 503 with Retry-After
/// (ledger unavailable). Errors are ProblemDetails. Accepts <c>text/plain</c> bodies so cross-origin
/// <c>keepalive</c> sends need no preflight.
/// </summary>
internal static class ReceiptEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, ConsentryManifest site, ReceiptWriter writer)
    {
        var request = context.Request;
        if (request.ContentLength > ReceiptRequest.MaxBytes)
        {
            return TooLarge();
        }

        var buffer = new byte[ReceiptRequest.MaxBytes + 1];
        var length = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
        {
            length += read;
            if (length > ReceiptRequest.MaxBytes)
            {
                return TooLarge();
            }
        }

        var (receipt, error) = ReceiptRequest.Parse(buffer.AsSpan(0, length), site, request.Headers.UserAgent, DateTimeOffset.UtcNow);
        if (receipt is null)
        {
            return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Invalid consent receipt");
        }

        try
        {
            var entry = await writer.WriteAsync(receipt, context.RequestAborted);
            return TypedResults.Json(new { site = entry.Site, sequence = entry.Sequence, hash = entry.Hash }, statusCode: StatusCodes.Status201Created);
        }
        catch (LedgerUnavailableException)
        {
            context.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem("The consent ledger is unavailable; nothing was stored. Retry later.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Ledger unavailable");
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge() =>
        TypedResults.Problem($"A receipt is at most {ReceiptRequest.MaxBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Receipt too large");
}
