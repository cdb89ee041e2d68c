using System.Text.Json.Nodes;
using Consentry.Manifests;
using Consentry.Scanner;
using Consentry.Scanner.Drift;
using Consentry.Server.Notifications;
using Consentry.Server.Sites;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consentry.Server.Scans;

/// <summary>
/// Runs one scan of a site with the scanner's public API: its schedule's start page against its latest revision,
/// compared with its previous scan; stores both reports and raises <c>scan.drift</c> and <c>scan.errors</c>.
/// </summary>
internal sealed partial class ScanRunner(ScanScheduleRepository schedules, ScanHistory history, SiteRepository sites, IOptions<ServerOptions> options, ILogger<ScanRunner> logger)
{
    /// <summary>Scans <paramref name="siteId"/> for <paramref name="fireKey"/> unless that key was scanned already; returns the record, or null.</summary>
    public async Task<ScanRecord?> RunAsync(string siteId, string fireKey, string origin, string instance, bool takeOver, CancellationToken cancellationToken)
    {
        if (await schedules.GetAsync(siteId, cancellationToken) is not { } schedule || await sites.LatestAsync(siteId, cancellationToken) is not { } revision)
        {
            Log.NothingToScan(logger, siteId);
            return null;
        }

        if (await history.BeginAsync(siteId, fireKey, origin, instance, takeOver, cancellationToken) is not { } scan)
        {
            Log.AlreadyScanned(logger, siteId, fireKey);
            return null;
        }

        Log.Started(logger, siteId, scan.Id, scan.Attempts);
        var o = options.Value;
        try
        {
            var manifest = ManifestLoader.Parse(revision.Yaml, revision.FileName).GetValidManifest();
            var scanOptions = new ScanOptions { Url = new Uri(schedule.Url), MaxPages = schedule.MaxPages, BrowserPath = o.Scans.BrowserPath, BrowserArgs = [.. o.Scans.BrowserArgs], MaxTime = o.Scans.MaxTime };
            var result = await Scan.RunAsync(scanOptions, manifest, cancellationToken);
            var previous = await history.PreviousAsync(siteId, scan.Started, cancellationToken);
            if (previous is { } p)
            {
                result = result with { Drift = DriftComparer.Compare(ScanBaseline.Read(p.Json, $"scan {p.Scan.Id}"), result) };
            }

            var summary = Summary(result);
            await history.FinishAsync(scan, ScanStatus.Done, summary, ScanReport.Write(result, ScanReportFormat.Json), ScanReport.Write(result, ScanReportFormat.Html), Alerts(scan, result), o.Scans.Keep, cancellationToken);
            Log.Finished(logger, siteId, scan.Id, summary);
        }
        catch (Exception e) when (e is ScanException or FormatException or ManifestException)
        {
            await history.FinishAsync(scan, ScanStatus.Failed, e.Message, null, null, [], o.Scans.Keep, cancellationToken);
            Log.Failed(logger, siteId, scan.Id, e.Message);
        }

        return scan;
    }

    private static string Summary(ScanResult r)
    {
        var errors = r.Findings.Count(f => f.Severity == FindingSeverity.Error);
        var warnings = r.Findings.Count(f => f.Severity == FindingSeverity.Warning);
        var drift = r.Drift is not { } d ? "first scan" : d.Any ? $"{d.Items.Count} item change(s), {d.NewFindings.Count} new finding(s), {d.ResolvedFindings.Count} resolved" : "no drift";
        return $"{r.Visits.Sum(v => v.Pages.Count)} page(s), {errors} error(s), {warnings} warning(s); {drift}";
    }

    private List<(string, JsonObject)> Alerts(ScanRecord scan, ScanResult r)
    {
        var alerts = new List<(string, JsonObject)>();
        if (r.Drift is not { } d)
        {
            return alerts;
        }

        var link = new Uri(options.Value.LinkBase, $"admin/sites/{scan.SiteId}/scans/{scan.Id}").ToString();
        if (d.Items.Count > 0 || d.NewFindings.Count > 0)
        {
            alerts.Add((EventTypes.ScanDrift, Data(scan, $"A scan of {scan.SiteId} found drift: {d.Items.Count} item change(s), {d.NewFindings.Count} new finding(s)",
                [.. d.Items.Select(i => $"{i.Change} {i.Type} {i.Name} ({i.Where}){(i.Details.Count > 0 ? ": " + string.Join("; ", i.Details) : "")}"), .. d.NewFindings.Select(f => $"new {f.Severity.ToString().ToLowerInvariant()} {f.Code}: {f.Message}")], link)));
        }

        var newErrors = d.NewFindings.Where(f => f.Severity == FindingSeverity.Error).ToList();
        if (newErrors.Count > 0)
        {
            alerts.Add((EventTypes.ScanErrors, Data(scan, $"A scan of {scan.SiteId} found {newErrors.Count} new error(s)", [.. newErrors.Select(f => $"{f.Code} {f.Item}: {f.Message}")], link)));
        }

        return alerts;
    }

    private static JsonObject Data(ScanRecord scan, string summary, List<string> lines, string link) => new()
    {
        ["summary"] = summary,
        ["site"] = scan.SiteId,
        ["scan"] = scan.Id,
        ["lines"] = new JsonArray([.. lines.Take(50).Select(l => (JsonNode)JsonValue.Create(l))]),
        ["link"] = link,
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 7340, Level = LogLevel.Information, Message = "Scan of {Site} started ({ScanId}, attempt {Attempt})")]
        public static partial void Started(ILogger logger, string site, string scanId, int attempt);

        [LoggerMessage(EventId = 7341, Level = LogLevel.Information, Message = "Scan of {Site} done ({ScanId}): {Summary}")]
        public static partial void Finished(ILogger logger, string site, string scanId, string summary);

        [LoggerMessage(EventId = 7342, Level = LogLevel.Warning, Message = "Scan of {Site} failed ({ScanId}): {Message}")]
        public static partial void Failed(ILogger logger, string site, string scanId, string message);

        [LoggerMessage(EventId = 7344, Level = LogLevel.Warning, Message = "Scan of {Site} for {FireKey} not run: that firing was scanned (or is being scanned) already")]
        public static partial void AlreadyScanned(ILogger logger, string site, string fireKey);

        [LoggerMessage(EventId = 7343, Level = LogLevel.Warning, Message = "Scan of {Site} not run: the site has no schedule or no revision any more")]
        public static partial void NothingToScan(ILogger logger, string site);
    }
}
