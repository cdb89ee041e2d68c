using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Consentry.Server.Operations;

/// <summary>
/// One log line for every refused admin or API request (4xx): method, path, status and who asked; never the body,
/// a key or a password. 5xx are logged by ASP.NET Core's exception handler, without reaching the client.
/// </summary>
internal static partial class RefusalLog
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next, ILogger logger)
    {
        await next();
        var status = context.Response.StatusCode;
        if (status is >= 400 and < 500 && (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/admin")))
        {
            Refused(logger, context.Request.Method, context.Request.Path.Value ?? "", status, context.User.Identity?.Name ?? "anonymous");
        }
    }

    [LoggerMessage(EventId = 7320, Level = LogLevel.Information, Message = "{Method} {Path} refused with {Status} (caller: {Caller})")]
    private static partial void Refused(ILogger logger, string method, string path, int status, string caller);
}
