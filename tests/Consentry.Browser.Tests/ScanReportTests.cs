using System.Text.Json;
using System.Text.RegularExpressions;
using Consentry.Cli;
using Consentry.Scanner;
using Consentry.Scanner.Report;

namespace Consentry.Browser.Tests;

/// <summary>The HTML and SARIF reports of a real scan of the proof site, and <c>consentry scan --out</c>.</summary>
public sealed class ScanReportTests(BrowserFixture fixture)
{
    private Task<ScanResult> ResultAsync() => fixture.ProofScanAsync();

    [Fact]
    public async Task TheHtmlReportIsOneStandaloneFileWithTheBannerScreenshotsOfEachVisit()
    {
        var html = HtmlReport.Write(await ResultAsync());
        File.WriteAllText(Path.Combine(BrowserFixture.Screenshots, "scan-report.html"), html);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.True(Regex.Count(html, "src=\"data:image/jpeg;base64,") >= 5, "one screenshot for the untouched visit and two for each choice visit");
        Assert.DoesNotMatch(new Regex("(src|href)=\"(?!data:|http://shop\\.localhost)", RegexOptions.None), html.Replace("<a href=\"http://shop.localhost", "", StringComparison.Ordinal));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("SC003", html, StringComparison.Ordinal);
        Assert.Contains("after Reject all", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatTheSiteStoredIsEscapedInTheHtmlReport()
    {
        var result = await ResultAsync();
        Assert.Contains(result.Visits.SelectMany(v => v.Storage), s => s.Name.StartsWith("<img", StringComparison.Ordinal));
        var html = HtmlReport.Write(result);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SarifResultsPointAtTheManifestLineThatDeclaresTheItem()
    {
        var result = await ResultAsync();
        using var doc = JsonDocument.Parse(SarifReport.Write(result));
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.Equal("2.1.0", doc.RootElement.GetProperty("version").GetString());
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToHashSet();
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(result.Findings.Count, results.Count);
        Assert.All(results, r => Assert.Contains(r.GetProperty("ruleId").GetString(), rules));

        var ga = results.First(r => r.GetProperty("ruleId").GetString() == "SC003" && r.GetProperty("properties").GetProperty("item").GetString() == "_ga");
        Assert.Equal("error", ga.GetProperty("level").GetString());
        var location = ga.GetProperty("locations")[0].GetProperty("physicalLocation");
        var declared = fixture.ScanManifest.AllItems.Single(i => i.Name == "_ga").Location;
        Assert.Equal(declared.Line, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.EndsWith("scan-shop.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Contains(results, r => r.GetProperty("level").GetString() == "note");
    }

    [Fact]
    public async Task EveryCodeTheInspectorReportsIsASarifRule()
    {
        var result = await ResultAsync();
        Assert.All(result.Findings, f => Assert.True(SarifReport.Rules.ContainsKey(f.Code), f.Code));
        var documented = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "scanner.md"));
        Assert.All(SarifReport.Rules.Keys, code => Assert.Contains($"| {code} |", documented, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScanWithOutWritesEveryFormAndExitsOneOnErrors()
    {
        var dir = Directory.CreateTempSubdirectory("consentry-scan-out-").FullName;
        try
        {
            var manifest = Path.Combine(dir, "cookies.yaml");
            await File.WriteAllTextAsync(manifest, ScanSite.Manifest, TestContext.Current.CancellationToken);
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var code = await Task.Run(() => CliApp.Run(["scan", fixture.ScanShop.ToString(), "--manifest", manifest, "--max-pages", "4", "--format", "sarif", "--out", Path.Combine(dir, "out"), "--cookiedb", "none"], stdout, stderr), TestContext.Current.CancellationToken);
            Assert.True(code == 1, stderr.ToString());
            using (JsonDocument.Parse(stdout.ToString()[..(stdout.ToString().LastIndexOf('}') + 1)]))
            {
            }

            foreach (var name in new[] { "report.txt", "scan.json", "report.html", "scan.sarif" })
            {
                Assert.True(File.Exists(Path.Combine(dir, "out", name)), name);
            }

            Assert.Contains("Reports written to", stderr.ToString(), StringComparison.Ordinal);

            // Not a terminal: a plain progress line per page and visit.
            Assert.Matches(@"(?m)^untouched\s+1/4 http://shop\.localhost:\d+/$", stderr.ToString());
            Assert.Matches(@"(?m)^accept\s+4/4 http://shop\.localhost", stderr.ToString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task AScanAgainstItsBaselineShowsTheDriftAndFailsOnlyOnNewFindingsWithNewOnly()
    {
        var dir = Directory.CreateTempSubdirectory("consentry-scan-drift-").FullName;
        try
        {
            var manifest = Path.Combine(dir, "cookies.yaml");
            await File.WriteAllTextAsync(manifest, ScanSite.Manifest, TestContext.Current.CancellationToken);
            // A page whose cookies do not race the banner (the start page's 400 ms timer does: whether its cookie lands
            // before the banner's gate differs from scan to scan on a busy machine, and the drift report rightly says so).
            string[] scan = ["scan", new Uri(fixture.ScanShop, "/about").ToString(), "--manifest", manifest, "--max-pages", "1", "--cookiedb", "none", "--fail-on", "warning"];
            using (var stdout = new StringWriter())
            using (var stderr = new StringWriter())
            {
                Assert.Equal(1, await Task.Run(() => CliApp.Run([.. scan, "--format", "json"], stdout, stderr), TestContext.Current.CancellationToken));
                await File.WriteAllTextAsync(Path.Combine(dir, "previous.json"), stdout.ToString(), TestContext.Current.CancellationToken);
            }

            using var again = new StringWriter();
            using var errors = new StringWriter();
            var code = await Task.Run(() => CliApp.Run([.. scan, "--baseline", Path.Combine(dir, "previous.json"), "--new-only"], again, errors), TestContext.Current.CancellationToken);
            Assert.True(code == 0, again + errors.ToString());
            Assert.Contains("Since the baseline (" + Path.Combine(dir, "previous.json"), again.ToString(), StringComparison.Ordinal);
            Assert.False(again.ToString().Contains("  new ", StringComparison.Ordinal), again.ToString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
