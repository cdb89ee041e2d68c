namespace Consentry.Scanner.Drift;

/// <summary>What changed since an earlier scan of the same site (the baseline): items and findings.</summary>
/// <param name="Baseline">The baseline's file (as named) and when that scan started.</param>
/// <param name="BaselineStartedAt">When the baseline scan started.</param>
/// <param name="Items">Items that appeared, disappeared or changed.</param>
/// <param name="NewFindings">Findings the baseline did not have (by code, item and visit).</param>
/// <param name="ResolvedFindings">Findings of the baseline this scan no longer has.</param>
public sealed record ScanDrift(string Baseline, DateTimeOffset? BaselineStartedAt, IReadOnlyList<ItemChange> Items, IReadOnlyList<Finding> NewFindings, IReadOnlyList<Finding> ResolvedFindings)
{
    /// <summary>Whether anything changed.</summary>
    public bool Any => Items.Count > 0 || NewFindings.Count > 0 || ResolvedFindings.Count > 0;

    /// <summary>The identity of a finding across scans: its code, item and visit.</summary>
    public static string Key(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return $"{finding.Code}:{finding.Item}:{finding.Visit}";
    }
}
