using System.Text;

namespace Consentry.Scanner.Report;

/// <summary>The terminal summary: one table of what each visit saw, then the findings.</summary>
internal static class TextReport
{
    public static string Write(ScanResult r)
    {
        var sb = new StringBuilder();
        sb.Append("Scan of ").Append(r.Url).Append(r.Manifest is null ? "" : $" against {r.Manifest}").Append('\n');
        sb.Append($"Chromium {r.BrowserVersion}, {(r.EndedAt - r.StartedAt).TotalSeconds:F1} s\n\n");
        sb.Append($"{"visit",-12} {"pages",5} {"cookies",7} {"storage",7} {"3rd-party hosts",15}  banner\n");
        foreach (var v in r.Visits)
        {
            sb.Append($"{v.Kind,-12} {v.Pages.Count,5} {v.Cookies.Count,7} {v.Storage.Count,7} {v.ThirdPartyHosts.Count,15}  {v.BannerNote}\n");
        }

        sb.Append('\n');
        if (r.Findings.Count == 0)
        {
            sb.Append("No findings: the site stores what its policy declares, when it declares it.\n");
        }

        foreach (var f in r.Findings)
        {
            sb.Append($"{f.Severity.ToString().ToLowerInvariant(),-7} {f.Code} {f.Message}{(f.Page is null ? "" : $" [{f.Visit}: {f.Page}]")}\n");
        }

        if (r.Drift is { } drift)
        {
            WriteDrift(sb, drift);
        }

        var errors = r.Findings.Count(f => f.Severity == FindingSeverity.Error);
        var warnings = r.Findings.Count(f => f.Severity == FindingSeverity.Warning);
        sb.Append($"\n{errors} error(s), {warnings} warning(s), {r.Findings.Count - errors - warnings} info.\n");
        return sb.ToString();
    }

    private static void WriteDrift(StringBuilder sb, Drift.ScanDrift d)
    {
        sb.Append($"\nSince the baseline ({d.Baseline}{(d.BaselineStartedAt is { } t ? $", {t.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "")}):");
        if (!d.Any)
        {
            sb.Append(" nothing changed.\n");
            return;
        }

        sb.Append('\n');
        foreach (var i in d.Items)
        {
            sb.Append($"  {i.Change,-11} {i.Type} {i.Name} ({i.Where}): {string.Join("; ", i.Details)}\n");
        }

        foreach (var f in d.NewFindings)
        {
            sb.Append($"  new         {f.Severity.ToString().ToLowerInvariant()} {f.Code} {f.Message}\n");
        }

        foreach (var f in d.ResolvedFindings)
        {
            sb.Append($"  resolved    {f.Code} {f.Message}\n");
        }
    }
}
