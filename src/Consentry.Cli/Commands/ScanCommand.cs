using System.CommandLine;
using Consentry.Manifests;
using Consentry.Scanner;
using Consentry.Scanner.Catalogue;

namespace Consentry.Cli.Commands;

/// <summary><c>consentry scan</c>: what a site really stores, before and after consent, against its manifest.</summary>
internal static class ScanCommand
{
    /// <summary>The exit code of a scan stopped by Ctrl+C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    private const int Interrupted = 130;

    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "The start page, e.g. https://example.com/." };
        var manifest = new Option<string?>("--manifest", "-m") { Description = "The site's cookies.yaml to compare against. Without it, items are only classified from the catalogue (Consentry's table and the Open Cookie Database)." };
        var maxPages = new Option<int>("--max-pages") { Description = "At most this many pages per visit.", DefaultValueFactory = _ => 20 };
        var maxDepth = new Option<int>("--max-depth") { Description = "At most this many links away from the start page.", DefaultValueFactory = _ => 3 };
        var format = new Option<string>("--format", "-f") { Description = "What to print: text (a summary table and the findings), json (the whole result, provenance included; schema consentry-scan/1), html (a standalone report with screenshots of the banner in each visit) or sarif (SARIF 2.1.0 for code scanning).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "html", "sarif");
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 when a finding is at least this serious: error, warning, or none.", DefaultValueFactory = _ => "error" };
        var baseline = new Option<string?>("--baseline") { Description = "An earlier scan's JSON report (--format json, or scan.json from --out): every report then says what changed since (items that appeared, disappeared or changed; findings new and resolved)." };
        var newOnly = new Option<bool>("--new-only") { Description = "With --baseline: --fail-on counts only findings the baseline did not have, so CI fails on regressions, not on known debt." };
        failOn.AcceptOnlyFromAmong("error", "warning", "none");
        var outDir = new Option<string?>("--out") { Description = "Also write every form into this folder: report.txt, scan.json, report.html and scan.sarif." };
        var browser = new Option<string?>("--browser") { Description = "The Chromium executable. Default: /usr/bin/chromium (or chromium-browser, google-chrome)." };
        var browserArgs = new Option<string[]>("--browser-arg") { Description = "An extra Chromium flag, e.g. --host-resolver-rules=MAP *.test 127.0.0.1 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var cookieDb = new Option<string?>("--cookiedb") { Description = "An Open Cookie Database CSV to classify undeclared items with, beside Consentry's own table. Default: the copy 'consentry cookiedb update' cached, if any; 'none' for Consentry's table only." };
        var maxTime = new Option<int>("--max-time") { Description = "A hard time limit for the whole scan, in seconds: at it every visit stops (a page still loading included) and the report covers what was seen and says what was left.", DefaultValueFactory = _ => 300 };
        var pageTimeout = new Option<int>("--page-timeout") { Description = "Give up on a page that has not loaded after this many seconds (it is reported, the scan goes on).", DefaultValueFactory = _ => 15 };
        var writeManifest = new Option<string?>("--write-manifest") { Description = "Write what the scan saw into this manifest: a new file starts from the starter manifest with every item seen; an existing one only gains the items it does not declare, appended to its items list (nothing else in the file changes). Check each added category, purpose and duration." };
        var command = new Command("scan", "Visit a site three times in Chromium (untouched, after Reject all, after Accept all), record cookies, storage and third-party requests, and report where it disagrees with its manifest. Exit code: 0 fine, 1 findings at --fail-on, 2 usage error, 3 the scan could not run, 130 interrupted (Ctrl+C, SIGTERM).")
        {
            url, manifest, maxPages, maxDepth, format, failOn, baseline, newOnly, outDir, browser, browserArgs, cookieDb, writeManifest, maxTime, pageTimeout,
        };
        command.SetAction(async (r, cancel) =>
        {
            if (!Uri.TryCreate(r.GetRequiredValue(url), UriKind.Absolute, out var start) || (start.Scheme != Uri.UriSchemeHttp && start.Scheme != Uri.UriSchemeHttps))
            {
                throw new UsageException($"'{r.GetRequiredValue(url)}' is not an http(s) URL.");
            }

            if (r.GetValue(newOnly) && r.GetValue(baseline) is null)
            {
                throw new UsageException("--new-only needs --baseline: name the earlier scan's JSON report the findings are compared with.");
            }

            // Read before scanning: a baseline that cannot be used is a usage error, not a wasted scan.
            var previous = r.GetValue(baseline) is { } baselinePath ? ReadBaseline(baselinePath) : null;
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
                null => CookieDatabaseCache.Installed,
                var given => File.Exists(given) ? given : throw new UsageException($"There is no cookie database '{given}'. Name an Open Cookie Database CSV, or run 'consentry cookiedb update' and leave --cookiedb out."),
            };
            if (database is null && r.GetValue(cookieDb) is null)
            {
                r.InvocationConfiguration.Error.WriteLine("No Open Cookie Database cached: undeclared items are classified with Consentry's own table only (run 'consentry cookiedb update').");
            }

            if (Consentry.Domains.PublicSuffixList.Installed is null)
            {
                r.InvocationConfiguration.Error.WriteLine($"No Public Suffix List at {Consentry.Domains.PublicSuffixList.SystemPath}: 'same site' is approximated by the last two labels of a host, which is wrong for suffixes like co.uk (apt-get install publicsuffix).");
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
                    MaxTime = TimeSpan.FromSeconds(Math.Max(1, r.GetValue(maxTime))),
                    PageTimeout = TimeSpan.FromSeconds(Math.Max(1, r.GetValue(pageTimeout))),
                };
                var error = r.InvocationConfiguration.Error;
                error.WriteLine($"Scanning {start} in three visits…");
                var progress = new ScanProgressWriter(error, ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected);
                try
                {
                    result = await Scan.RunAsync(options, m, progress, cancel);
                }
                finally
                {
                    progress.Finish();
                }
            }
            catch (ScanException e)
            {
                r.InvocationConfiguration.Error.WriteLine("consentry: " + e.Message);
                return 3;
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                r.InvocationConfiguration.Error.WriteLine("consentry: scan interrupted; the browser was closed and its temporary profile removed; no report was written.");
                return Interrupted;
            }

            if (previous is not null)
            {
                result = result with { Drift = Consentry.Scanner.Drift.DriftComparer.Compare(previous, result) };
            }

            var reports = new Dictionary<string, ScanReportFormat>
            {
                ["text"] = ScanReportFormat.Text,
                ["json"] = ScanReportFormat.Json,
                ["html"] = ScanReportFormat.Html,
                ["sarif"] = ScanReportFormat.Sarif,
            };
            ScanReport.Write(result, reports[r.GetValue(format) ?? "text"], r.InvocationConfiguration.Output);
            if (r.GetValue(outDir) is { } dir)
            {
                foreach (var (name, kind) in new[] { ("report.txt", "text"), ("scan.json", "json"), ("report.html", "html"), ("scan.sarif", "sarif") })
                {
                    OutputFile.Write(Path.Combine(dir, name), ScanReport.Write(result, reports[kind]), r.InvocationConfiguration.Output);
                }

                r.InvocationConfiguration.Error.WriteLine($"Reports written to {Path.GetFullPath(dir)}: report.txt, scan.json, report.html, scan.sarif.");
            }

            if (r.GetValue(writeManifest) is { } target && !WriteManifest(target, result, r.InvocationConfiguration.Output, r.InvocationConfiguration.Error))
            {
                return ExitCodes.Failed;
            }

            var threshold = r.GetValue(failOn) switch { "warning" => FindingSeverity.Warning, "none" => (FindingSeverity?)null, _ => FindingSeverity.Error };
            var counted = r.GetValue(newOnly) && result.Drift is { } drift ? drift.NewFindings : result.Findings;
            return threshold is { } t && counted.Any(f => f.Severity >= t) ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    private static Consentry.Scanner.Drift.ScanBaseline ReadBaseline(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--baseline: there is no file '{path}'. Fix: name the JSON report of an earlier scan (consentry scan --format json, or scan.json from --out).");
        }

        try
        {
            return Consentry.Scanner.Drift.ScanBaseline.Read(File.ReadAllText(path), path);
        }
        catch (FormatException e)
        {
            throw new UsageException("--baseline " + e.Message);
        }
    }

    private static bool WriteManifest(string target, ScanResult result, TextWriter stdout, TextWriter stderr)
    {
        // The catalogue the scan classified with, not a second read of the database file.
        var catalogue = result.Catalogue;
        try
        {
            var exists = File.Exists(target);
            var outcome = exists ? ManifestDraft.Merge(File.ReadAllText(target), target, result, catalogue) : ManifestDraft.Bootstrap(result, catalogue, target);
            if (exists && outcome.Added.Count == 0)
            {
                stderr.WriteLine($"{target} already declares everything the scan saw; it was not changed.");
                return true;
            }

            OutputFile.Write(target, outcome.Text, stdout);
            stderr.WriteLine(exists
                ? $"Added {outcome.Added.Count} item(s) to {target}: {string.Join(", ", outcome.Added)}. Fill in each TODO purpose and check the categories, then 'consentry validate {target}'."
                : $"Wrote {target} with {outcome.Added.Count} item(s) seen. Fill in each TODO purpose, the contact and the categories, then 'consentry validate {target}'.");
            return true;
        }
        catch (FormatException e)
        {
            stderr.WriteLine($"consentry: {e.Message}");
            return false;
        }
    }
}
