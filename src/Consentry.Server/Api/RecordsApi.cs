using System.Globalization;
using Consentry.Ledger.Stores;
using Consentry.Server.Accounts;
using Consentry.Server.Analytics;
using Consentry.Server.Audit;
using Consentry.Server.Records;
using Consentry.Server.Sites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consentry.Server.Api;

/// <summary><c>/api/v1/sites/{site}/…</c>: a visitor's records (look-up and verifiable download), exports and statistics. Every access to records is audited.</summary>
internal static class RecordsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var site = api.MapGroup("/sites/{site}").WithTags("Records and statistics");
        site.MapGet("/records/{consentId}", LookUpAsync).WithSummary("Every receipt of one consent id on this site, oldest first (a visitor's access request).");
        site.MapGet("/records/{consentId}/download", DownloadAsync).WithSummary("The same receipts as a file 'consentry ledger verify --file' checks on its own.");
        site.MapGet("/export", ExportAsync).WithSummary("The site's receipts received in [from, to) as JSON Lines (verifiable) or CSV, streamed.");
        site.MapGet("/stats", StatsAsync).WithSummary("How visitors chose per day, week or month (optionally per revision, language or browser), from the aggregates kept as receipts are written.");
    }

    /// <summary>A consent id as the banner makes them: 32 lower-case hex digits.</summary>
    internal static bool IsConsentId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    private static async Task<IResult> LookUpAsync(string site, string consentId, HttpContext c, RecordsService records, CancellationToken ct)
    {
        if (await Check(site, consentId, c, records) is { } refused)
        {
            return refused;
        }

        return TypedResults.Ok(await records.LookUpAsync(site, consentId, Access.Actor(c.User), ct));
    }

    private static async Task<IResult> DownloadAsync(string site, string consentId, HttpContext c, RecordsService records, CancellationToken ct)
    {
        if (await Check(site, consentId, c, records) is { } refused)
        {
            return refused;
        }

        await records.DownloadAsync(c.Response, site, consentId, Access.Actor(c.User), ct);
        return TypedResults.Empty;
    }

    private static async Task<IResult> ExportAsync(string site, string? from, string? to, string? format, HttpContext c, RecordsService records, CancellationToken ct)
    {
        if (!Access.CanRead(c.User, site))
        {
            return ApiResults.Forbidden($"export site '{site}'");
        }

        if (!records.IsServed(site))
        {
            return ApiResults.NotFound($"Site '{site}'");
        }

        var csv = (format ?? "jsonl") switch
        {
            "jsonl" => false,
            "csv" => true,
            _ => (bool?)null,
        };
        if (csv is null || !Instant(from, out var start) || !Instant(to, out var end))
        {
            return ApiResults.BadRequest("'format' must be jsonl or csv; 'from' and 'to' dates as YYYY-MM-DD or ISO 8601 instants (UTC).");
        }

        await records.AuditAsync(Access.Actor(c.User), "records.export", site, $"{from ?? "start"} to {to ?? "now"} as {format ?? "jsonl"}", ct);
        await records.ExportAsync(c.Response, site, start, end, csv.Value, ct);
        return TypedResults.Empty;
    }

    private static async Task<IResult> StatsAsync(string site, string? from, string? to, string? by, string? group, HttpContext c, RecordsService records, TimeProvider clock, CancellationToken ct)
    {
        if (!Access.CanRead(c.User, site))
        {
            return ApiResults.Forbidden($"read statistics of site '{site}'");
        }

        if (!records.IsServed(site))
        {
            return ApiResults.NotFound($"Site '{site}'");
        }

        var (query, problem) = StatsRequest.Parse(site, from, to, by, group, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return query is null ? ApiResults.BadRequest(problem!) : TypedResults.Ok(await records.Store.StatsAsync(query, ct));
    }

    private static Task<IResult?> Check(string site, string consentId, HttpContext c, RecordsService records) => Task.FromResult<IResult?>(
        !Access.CanRead(c.User, site) ? ApiResults.Forbidden($"read the records of site '{site}'")
        : !records.IsServed(site) ? ApiResults.NotFound($"Site '{site}'")
        : !IsConsentId(consentId) ? ApiResults.BadRequest("A consent id is 32 lower-case hexadecimal digits, as the banner stores it in the consent cookie.")
        : null);

    internal static bool Instant(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            value = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            value = instant;
            return true;
        }

        return false;
    }
}
