using System.CommandLine;
using Consentry.Manifests;
using Consentry.Scanner;
using Consentry.Scanner.Report;

namespace Consentry.Cli.Commands;

/// <summary><c>consentry scan</c>: what a site really stores, before and after consent, against its manifest.</summary>
internal static class ScanCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "The start page, e.g. https://example.com/." };
        var manifest = new Option<string?>("--manifest", "-m") { Description = "The site's cookies.yaml to compare against. Without it, items are classified from the known-cookie table only." };
        var maxPages = new Option<int>("--max-pages") { Description = "At most this many pages per visit.", DefaultValueFactory = _ => 20 };
        var maxDepth = new Option<int>("--max-depth") { Description = "At most this many links away from the start page.", DefaultValueFactory = _ => 3 };
        var format = new Option<string>("--format", "-f") { Description = "text (a summary table and the findings) or json (the whole result, provenance included).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 when a finding is at least this serious: error, warning, or none.", DefaultValueFactory = _ => "error" };
        failOn.AcceptOnlyFromAmong("error", "warning", "none");
        var outDir = new Option<string?>("--out") { Description = "Also write report.txt and scan.json into this folder." };
        var browser = new Option<string?>("--browser") { Description = "The Chromium executable. Default: /usr/bin/chromium (or chromium-browser, google-chrome)." };
        var browserArgs = new Option<string[]>("--browser-arg") { Description = "An extra Chromium flag, e.g. --host-resolver-rules=MAP *.test 127.0.0.1 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var cookieDb = new Option<string?>("--cookiedb") { Description = "An Open Cookie Database CSV to classify undeclared items with, beside Consentry's own table. Default: the copy 'consentry cookiedb update' cached, if any; 'none' for Consentry's table only." };
        var command = new Command("scan", "Visit a site three times in Chromium (untouched, after Reject all, after Accept all), record cookies, storage and third-party requests, and report where it disagrees with its manifest. Exit code: 0 fine, 1 findings at --fail-on, 2 usage error, 3 the scan could not run.")
        {
            url, manifest, maxPages, maxDepth, format, failOn, outDir, browser, browserArgs, cookieDb,
        };
        command.SetAction(async (r, cancel) =>
        {
            if (!Uri.TryCreate(r.GetRequiredValue(url), UriKind.Absolute, out var start) || (start.Scheme != Uri.UriSchemeHttp && start.Scheme != Uri.UriSchemeHttps))
            {
                throw new UsageException($"'{r.GetRequiredValue(url)}' is not an http(s) URL.");
            }

            CookieManifest? m = null;
            if (r.GetValue(manifest) is { } path)
            {
                m = ManifestReporter.LoadValid(path, r.InvocationConfiguration.Error);
                if (m is null)
                {
                    return ExitCodes.Failed;
                }
            }

            var database = r.GetValue(cookieDb) switch
            {
                "none" => null,
                null => File.Exists(CookieDbCommand.CachePath()) ? CookieDbCommand.CachePath() : null,
                var given => File.Exists(given) ? given : throw new UsageException($"There is no cookie database '{given}'. Name an Open Cookie Database CSV, or run 'consentry cookiedb update' and leave --cookiedb out."),
            };
            if (database is null && r.GetValue(cookieDb) is null)
            {
                r.InvocationConfiguration.Error.WriteLine("No Open Cookie Database cached: undeclared items are classified with Consentry's own table only (run 'consentry cookiedb update').");
            }

            ScanResult result;
            try
            {
                var options = new ScanOptions
                {
                    Url = start,
                    MaxPages = Math.Max(1, r.GetValue(maxPages)),
                    MaxDepth = Math.Max(0, r.GetValue(maxDepth)),
                    BrowserPath = r.GetValue(browser),
                    BrowserArgs = r.GetValue(browserArgs) ?? [],
                    CookieDatabase = database,
                };
                r.InvocationConfiguration.Error.WriteLine($"Scanning {start} in three visits…");
                result = await Scan.RunAsync(options, m, cancel);
            }
            catch (ScanException e)
            {
                r.InvocationConfiguration.Error.WriteLine("consentry: " + e.Message);
                return 3;
            }

            var text = TextReport.Write(result);
            var json = JsonReport.Write(result);
            r.InvocationConfiguration.Output.Write(r.GetValue(format) == "json" ? json + "\n" : text);
            if (r.GetValue(outDir) is { } dir)
            {
                OutputFile.Write(Path.Combine(dir, "report.txt"), text, r.InvocationConfiguration.Output);
                OutputFile.Write(Path.Combine(dir, "scan.json"), json, r.InvocationConfiguration.Output);
            }

            var threshold = r.GetValue(failOn) switch { "warning" => FindingSeverity.Warning, "none" => (FindingSeverity?)null, _ => FindingSeverity.Error };
            return threshold is { } t && result.Findings.Any(f => f.Severity >= t) ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }
}
