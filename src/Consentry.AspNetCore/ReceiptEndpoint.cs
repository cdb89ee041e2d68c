using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Consentry.Ledger.Receipts;
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

        var buffer = ArrayPool<byte>.Shared.Rent(ReceiptRequest.MaxBytes + 1);
        ConsentReceipt? receipt;
        string? error;
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length, ReceiptRequest.MaxBytes + 1 - length), context.RequestAborted)) > 0)
            {
                length += read;
                if (length > ReceiptRequest.MaxBytes)
                {
                    return TooLarge();
                }
            }

            (receipt, error) = ReceiptRequest.Parse(buffer.AsMemory(0, length), site, request.Headers.UserAgent, DateTimeOffset.UtcNow);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (receipt is null)
        {
            return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Invalid consent receipt");
        }

        try
        {
            var entry = await writer.WriteAsync(receipt, context.RequestAborted);
            // Site ids and hashes are plain ASCII ([a-z0-9-] and hex); JSON-encode the site anyway.
            var json = $"{{\"site\":{JsonSerializer.Serialize(entry.Site)},\"sequence\":{entry.Sequence.ToString(CultureInfo.InvariantCulture)},\"hash\":\"{entry.Hash}\"}}";
            return TypedResults.Text(json, "application/json", Encoding.UTF8, StatusCodes.Status201Created);
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
