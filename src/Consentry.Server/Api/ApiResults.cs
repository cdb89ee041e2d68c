using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Consentry.Server.Api;

/// <summary>The API's error answers, each a ProblemDetails that says what was wrong and how to fix it.</summary>
internal static class ApiResults
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem($"{what} does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Forbidden(string what) =>
        TypedResults.Problem($"This API key may not {what}. Fix: use a key whose sites and access level include it.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem($"The manifest is larger than {limit} bytes. Fix: a manifest is a text file of a few kilobytes; check that the right file is sent.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");

    /// <summary>Reads a text body of at most <paramref name="limit"/> bytes as UTF-8; null when it is longer.</summary>
    public static async Task<string?> ReadTextAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return new System.Text.UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
