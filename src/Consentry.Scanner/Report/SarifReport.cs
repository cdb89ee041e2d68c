using System.Text.Json;
using System.Text.Json.Nodes;

namespace Consentry.Scanner.Report;

/// <summary>
/// SARIF 2.1.0 for code scanning: one rule per finding code, results located at the manifest line that
/// declares the item (else the manifest's first line, else the page), with the page and visit as properties.
/// </summary>
internal static class SarifReport
{
    /// <summary>Every code the inspector can report, with a one-line description.</summary>
    internal static IReadOnlyDictionary<string, string> Rules => FindingCodes.Descriptions;

    public static string Write(ScanResult r)
    {
        var manifestUri = r.Manifest is null ? null : Relative(r.Manifest);
        var results = new JsonArray();
        var fresh = r.Drift?.NewFindings.Select(Drift.ScanDrift.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var f in r.Findings.Concat(r.Drift?.ResolvedFindings ?? []))
        {
            var region = f.Declaration is { } d ? new JsonObject { ["startLine"] = d.Line, ["startColumn"] = d.Column } : new JsonObject { ["startLine"] = 1 };
            var uri = f.Declaration is { } at ? Relative(at.File) : manifestUri ?? f.Page ?? r.Url;
            results.Add(new JsonObject
            {
                ["ruleId"] = f.Code,
                ["level"] = f.Severity switch { FindingSeverity.Error => "error", FindingSeverity.Warning => "warning", _ => "note" },
                ["message"] = new JsonObject { ["text"] = f.Message },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject
                    {
                        ["artifactLocation"] = new JsonObject { ["uri"] = uri },
                        ["region"] = region,
                    },
                }),
                ["partialFingerprints"] = new JsonObject { ["consentryItem/v1"] = $"{f.Code}:{f.Item}:{f.Visit}" },
                ["properties"] = new JsonObject { ["item"] = f.Item, ["visit"] = f.Visit?.ToString(), ["page"] = f.Page },
            });
            if (fresh is not null)
            {
                // SARIF's own word for drift: new since the baseline, unchanged, or absent (resolved).
                ((JsonObject)results[^1]!)["baselineState"] = !r.Findings.Contains(f) ? "absent" : fresh.Contains(Drift.ScanDrift.Key(f)) ? "new" : "unchanged";
            }
        }

        var rules = new JsonArray([.. Rules.Select(kv => (JsonNode)new JsonObject
        {
            ["id"] = kv.Key,
            ["shortDescription"] = new JsonObject { ["text"] = kv.Value },
            ["help"] = new JsonObject { ["text"] = $"{kv.Key}: {kv.Value}. Consentry's docs/scanner.md (Findings) explains each code and how to fix it." },
        })]);
        var sarif = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "Consentry",
                        ["semanticVersion"] = r.ToolVersion.Split('+')[0],
                        ["rules"] = rules,
                    },
                },
                ["invocations"] = new JsonArray(new JsonObject
                {
                    ["executionSuccessful"] = true,
                    ["startTimeUtc"] = r.StartedAt.UtcDateTime.ToString("o"),
                    ["endTimeUtc"] = r.EndedAt.UtcDateTime.ToString("o"),
                }),
                ["properties"] = new JsonObject { ["url"] = r.Url, ["browser"] = r.BrowserVersion, ["cookieDatabase"] = r.CookieDatabase },
                ["results"] = results,
            }),
        };
        return sarif.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Code scanning wants paths relative to the repository: relative to the working folder when inside it.</summary>
    private static string Relative(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative).Replace('\\', '/');
    }
}
