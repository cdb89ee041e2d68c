using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Consentry.AspNetCore;

/// <summary>
/// Reads a request body of at most a given size into a pooled buffer, one way for every endpoint that takes a body
/// (receipts, CSP reports, the witness): a declared or actual size over the limit is 413 without reading further;
/// a body Kestrel cannot read (malformed chunked framing, too slow, cut short) is its own 400 or 408; a client that
/// went away gets nothing. The bytes are lent to <c>use</c> only while the buffer is held.
/// </summary>
internal static class BoundedBody
{
    public static async Task<BodyRead<T>> ReadAsync<T>(HttpContext context, int maxBytes, Func<ReadOnlyMemory<byte>, T> use)
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            return new(default, StatusCodes.Status413PayloadTooLarge, null);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length, maxBytes + 1 - length), context.RequestAborted)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    return new(default, StatusCodes.Status413PayloadTooLarge, null);
                }
            }

            return new(use(buffer.AsMemory(0, length)), StatusCodes.Status200OK, null);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's verdict on the body itself: malformed chunking, too slow (408), cut short.
            return new(default, e.StatusCode, e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return new(default, 0, null); // the client went away; nobody is left to answer
        }
        catch (IOException e)
        {
            // Kestrel reports some malformed framing (a chunk size that overflows) as a plain IOException.
            return new(default, StatusCodes.Status400BadRequest, "The request body is malformed: " + e.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
