using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Consentry.AspNetCore;

/// <summary>
/// <c>POST {PathBase}/csp-reports</c>: violations of the consent-aware policy, as the Reporting API sends them
/// (<c>application/reports+json</c>, a list) or as <c>report-uri</c> does (<c>application/csp-report</c>). Each
/// blocked host and directive is logged once per site (event 7110: a provider the manifest does not declare, or
/// one the visitor refused); 204, or 400/413 for what is not a report, never stored.
/// </summary>
internal static class CspReports
{
    private const int MaxBytes = 64 * 1024;
    private static readonly ConcurrentDictionary<string, byte> Logged = new(StringComparer.Ordinal);

    public static async Task<IResult> HandleAsync(HttpContext context, ConsentrySite site)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CspReports).FullName!);
        BodyRead<List<(string Blocked, string Directive, string Page)>> body;
        try
        {
            body = await BoundedBody.ReadAsync(context, MaxBytes, bytes =>
            {
                using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
                return Read(doc.RootElement);
            });
        }
        catch (JsonException e)
        {
            return Refused(logger, site, StatusCodes.Status400BadRequest, "The body is not JSON: " + e.Message);
        }

        if (body.Aborted)
        {
            return Results.Empty;
        }

        if (!body.Read)
        {
            return Refused(logger, site, body.Status, body.TooLarge ? "A report is at most 64 KiB." : body.Detail ?? "The body cannot be read.");
        }

        var violations = body.Value!;
        if (violations.Count == 0)
        {
            return Refused(logger, site, StatusCodes.Status400BadRequest, "The body holds no Content-Security-Policy violation report.");
        }

        foreach (var (blocked, directive, page) in violations)
        {
            ConsentCspMetrics.Violation(site.SiteId, directive);
            if (Logged.TryAdd($"{site.SiteId}\0{blocked}\0{directive}", 0))
            {
                ConsentryLog.CspBlocked(logger, site.SiteId, blocked, directive, page);
            }
        }

        return TypedResults.NoContent();
    }

    /// <summary>The violations in a Reporting API list or a report-uri object: blocked host (or keyword), directive, page.</summary>
    private static List<(string, string, string)> Read(JsonElement root)
    {
        var list = new List<(string, string, string)>();
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("csp-report", out var legacy) && legacy.ValueKind == JsonValueKind.Object)
        {
            Add(list, legacy, "blocked-uri", "effective-directive", "document-uri");
        }
        else if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var report in root.EnumerateArray().Take(100))
            {
                if (report.ValueKind == JsonValueKind.Object && report.TryGetProperty("type", out var type) && type.ValueEquals("csp-violation")
                    && report.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Object)
                {
                    Add(list, body, "blockedURL", "effectiveDirective", "documentURL");
                }
            }
        }

        return list;
    }

    private static void Add(List<(string, string, string)> list, JsonElement report, string blocked, string directive, string page)
    {
        var url = Text(report, blocked);
        var host = Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host : url;
        var where = Uri.TryCreate(Text(report, page), UriKind.Absolute, out var p) ? p.GetLeftPart(UriPartial.Path) : "";
        list.Add((Clip(host), Clip(Text(report, directive)), Clip(where)));
    }

    private static string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    private static string Clip(string s) => s.Length > 200 ? s[..200] : s;

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refused(ILogger logger, ConsentrySite site, int status, string detail)
    {
        ConsentryLog.CspReportRefused(logger, site.SiteId, status, detail);
        return TypedResults.Problem(detail, statusCode: status, title: "Invalid CSP report");
    }
}
