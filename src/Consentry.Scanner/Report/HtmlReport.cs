using System.Globalization;
using System.Net;
using System.Text;

namespace Consentry.Scanner.Report;

/// <summary>
/// A standalone HTML report: one file, no outside resources (styles inline, screenshots as data URIs), every
/// observed value escaped. Provenance, a summary per visit, the findings, then each visit's evidence.
/// </summary>
internal static class HtmlReport
{
    private const string Style = """
        body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b}
        h1{font-size:1.5rem}h2{margin-top:2rem;border-bottom:1px solid #ccc}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
        th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e4e4e4;vertical-align:top}th{background:#f4f4f4}
        td.error{color:#a40000;font-weight:600}td.warning{color:#8a5300;font-weight:600}td.info{color:#33546b}
        code{font-size:.9em;word-break:break-all}.shots{display:flex;gap:1rem;flex-wrap:wrap}figure{margin:0}
        figure img{max-width:34rem;width:100%;border:1px solid #ccc}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
        dt{font-weight:600}@media (prefers-color-scheme:dark){body{background:#151515;color:#e8e8e8}th{background:#262626}td,th{border-color:#333}}
        """;

    public static string Write(ScanResult r)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
          .Append("<title>Consentry scan of ").Append(E(r.Url)).Append("</title><style>").Append(Style).Append("</style></head><body><main>\n");
        sb.Append("<h1>Consentry scan of <a href=\"").Append(E(r.Url)).Append("\">").Append(E(r.Url)).Append("</a></h1>\n");

        var errors = r.Findings.Count(f => f.Severity == FindingSeverity.Error);
        var warnings = r.Findings.Count(f => f.Severity == FindingSeverity.Warning);
        sb.Append($"<p><strong>{errors} error(s), {warnings} warning(s), {r.Findings.Count - errors - warnings} info.</strong></p>\n");

        sb.Append("<dl>");
        Row(sb, "Manifest", r.Manifest ?? "none (classified from the catalogue only)");
        Row(sb, "Consentry", r.ToolVersion);
        Row(sb, "Chromium", r.BrowserVersion);
        Row(sb, "Cookie database", r.CookieDatabase ?? "Consentry's own table only");
        Row(sb, "Started", r.StartedAt.ToString("u", CultureInfo.InvariantCulture));
        Row(sb, "Ended", $"{r.EndedAt.ToString("u", CultureInfo.InvariantCulture)} ({(r.EndedAt - r.StartedAt).TotalSeconds:F1} s)");
        Row(sb, "Options", $"max pages {r.Options.MaxPages}, max depth {r.Options.MaxDepth}, page timeout {r.Options.PageTimeout.TotalSeconds:F0} s");
        sb.Append("</dl>\n");

        sb.Append("<h2>Visits</h2><table><thead><tr><th>visit</th><th>pages</th><th>cookies</th><th>storage</th><th>other sites</th><th>banner</th></tr></thead><tbody>\n");
        foreach (var v in r.Visits)
        {
            sb.Append($"<tr><td>{Name(v.Kind)}</td><td>{v.Pages.Count}</td><td>{v.Cookies.Count}</td><td>{v.Storage.Count}</td><td>{v.ThirdPartyHosts.Count}</td><td>{E(v.BannerNote)}</td></tr>\n");
        }

        sb.Append("</tbody></table>\n<h2>Findings</h2>\n");
        if (r.Findings.Count == 0)
        {
            sb.Append("<p>No findings: the site stores what its policy declares, when it declares it.</p>\n");
        }
        else
        {
            sb.Append("<table><thead><tr><th>severity</th><th>code</th><th>finding</th><th>visit</th><th>page</th><th>declared at</th></tr></thead><tbody>\n");
            foreach (var f in r.Findings)
            {
                var severity = f.Severity.ToString().ToLowerInvariant();
                sb.Append($"<tr><td class=\"{severity}\">{severity}</td><td>{f.Code}</td><td>{E(f.Message)}</td><td>{(f.Visit is { } k ? Name(k) : "")}</td><td><code>{E(f.Page ?? "")}</code></td><td><code>{E(f.Declaration?.ToString() ?? "")}</code></td></tr>\n");
            }

            sb.Append("</tbody></table>\n");
        }

        if (r.Drift is { } drift)
        {
            Drift(sb, drift);
        }

        foreach (var v in r.Visits)
        {
            Visit(sb, v);
        }

        sb.Append("</main></body></html>\n");
        return sb.ToString();
    }

    private static void Drift(StringBuilder sb, Drift.ScanDrift d)
    {
        sb.Append("<h2>Since the baseline</h2>\n<p>Compared with <code>").Append(E(d.Baseline)).Append("</code>")
          .Append(d.BaselineStartedAt is { } t ? " (" + t.ToString("u", CultureInfo.InvariantCulture) + ")" : "").Append(d.Any ? ".</p>\n" : ": nothing changed.</p>\n");
        if (d.Items.Count > 0)
        {
            sb.Append("<table><thead><tr><th>change</th><th>type</th><th>name</th><th>where</th><th>details</th></tr></thead><tbody>\n");
            foreach (var i in d.Items)
            {
                sb.Append($"<tr><td>{E(i.Change)}</td><td>{E(i.Type)}</td><td><code>{E(i.Name)}</code></td><td><code>{E(i.Where)}</code></td><td>{E(string.Join("; ", i.Details))}</td></tr>\n");
            }

            sb.Append("</tbody></table>\n");
        }

        foreach (var (title, findings) in new[] { ("New findings", d.NewFindings), ("Resolved findings", d.ResolvedFindings) })
        {
            if (findings.Count > 0)
            {
                sb.Append("<h3>").Append(title).Append("</h3><ul>\n");
                foreach (var f in findings)
                {
                    sb.Append($"<li>{f.Severity.ToString().ToLowerInvariant()} {f.Code}: {E(f.Message)}</li>\n");
                }

                sb.Append("</ul>\n");
            }
        }
    }

    private static void Visit(StringBuilder sb, VisitResult v)
    {
        sb.Append("<h2>Visit: ").Append(Name(v.Kind)).Append("</h2>\n<p>").Append(E(v.BannerNote)).Append("</p>\n<div class=\"shots\">");
        Shot(sb, v.Screenshot, $"{Name(v.Kind)}: the first page as found");
        Shot(sb, v.AfterChoiceScreenshot, $"{Name(v.Kind)}: right after the choice");
        sb.Append("</div>\n");

        sb.Append("<h3>Cookies</h3><table><thead><tr><th>name</th><th>domain</th><th>path</th><th>expires</th><th>attributes</th><th>first seen on</th></tr></thead><tbody>\n");
        foreach (var c in v.Cookies.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var expires = c.Transient ? "removed again" : c.ExpiresSeconds is { } e ? DateTimeOffset.FromUnixTimeSeconds((long)e).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "session";
            var attributes = string.Join(", ", new[]
            {
                c.Secure ? "Secure" : null, c.HttpOnly ? "HttpOnly" : null, "SameSite=" + c.SameSite, c.ThirdParty ? "third-party" : null,
                c.PartitionKey is { } p ? "partitioned for " + p : null,
            }.Where(a => a is not null));
            sb.Append($"<tr><td><code>{E(c.Name)}</code></td><td>{E(c.Domain)}</td><td>{E(c.Path)}</td><td>{expires}</td><td>{E(attributes)}</td><td><code>{E(c.FirstSeenOn)}</code></td></tr>\n");
        }

        sb.Append("</tbody></table>\n<h3>Storage</h3><table><thead><tr><th>kind</th><th>name</th><th>origin</th><th>first seen on</th></tr></thead><tbody>\n");
        foreach (var s in v.Storage)
        {
            sb.Append($"<tr><td>{E(s.Kind)}</td><td><code>{E(s.Name)}</code></td><td>{E(s.Origin)}</td><td><code>{E(s.FirstSeenOn)}</code></td></tr>\n");
        }

        sb.Append("</tbody></table>\n");
        var refused = v.SetCookies.Where(l => l.BlockedReasons.Count > 0).ToList();
        if (refused.Count > 0)
        {
            sb.Append("<h3>Set-Cookie lines Chromium refused</h3><table><thead><tr><th>line</th><th>reasons</th><th>response</th></tr></thead><tbody>\n");
            foreach (var l in refused)
            {
                sb.Append($"<tr><td><code>{E(l.Line)}</code></td><td>{E(string.Join(", ", l.BlockedReasons))}</td><td><code>{E(l.Url)}</code></td></tr>\n");
            }

            sb.Append("</tbody></table>\n");
        }

        sb.Append("<h3>Other sites requested</h3><p>").Append(v.ThirdPartyHosts.Count == 0 ? "none" : E(string.Join(", ", v.ThirdPartyHosts))).Append("</p>\n");
        sb.Append("<h3>Pages</h3><ol>");
        foreach (var p in v.Pages)
        {
            sb.Append("<li><code>").Append(E(p)).Append("</code></li>");
        }

        sb.Append("</ol>\n");
        if (v.Errors.Count > 0)
        {
            sb.Append("<h3>Pages not scanned, or not completely</h3><ul>");
            foreach (var e in v.Errors)
            {
                sb.Append("<li>").Append(E(e)).Append("</li>");
            }

            sb.Append("</ul>\n");
        }
    }

    private static void Shot(StringBuilder sb, byte[]? image, string caption)
    {
        if (image is { Length: > 0 })
        {
            sb.Append("<figure><img alt=\"").Append(E(caption)).Append("\" src=\"data:image/jpeg;base64,").Append(Convert.ToBase64String(image)).Append("\"><figcaption>").Append(E(caption)).Append("</figcaption></figure>");
        }
    }

    private static void Row(StringBuilder sb, string term, string value) => sb.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd>");

    private static string Name(VisitKind kind) => kind switch { VisitKind.Untouched => "untouched", VisitKind.RejectAll => "after Reject all", _ => "after Accept all" };

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
