using System.Text.Json;

namespace Consentry.Cli.Tests;

public sealed class DiffCommandTests
{
    private static string WithAnalytics(string historyEntry)
    {
        var text = File.ReadAllText(CliRun.Example("connectwyze"))
            .Replace("items:\n", "items:\n  - { name: connectwyze_consent, category: necessary, purpose: Stores your choice., duration: 6mo }\n  - { name: _pk_id*, category: analytics, purpose: Counts visits., duration: 13mo }\n", StringComparison.Ordinal);
        return historyEntry.Length == 0 ? text : text.Replace("history:\n", "history:\n" + historyEntry, StringComparison.Ordinal);
    }

    [Fact]
    public void MaterialChangeWithHistoryEntryExitsZeroAndSaysConsentIsNeeded()
    {
        using var dir = new TempDir();
        var updated = dir.File("new.yaml");
        File.WriteAllText(updated, WithAnalytics("  - { date: 2026-11-24, summary: Added visit counting. }\n"));
        var run = CliRun.Of("diff", CliRun.Example("connectwyze"), updated);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("material   item '_pk_id*' (cookie): added in category 'analytics', needs consent (renewed consent required)", run.Out, StringComparison.Ordinal);
        Assert.Contains("Renewed consent: required", run.Out, StringComparison.Ordinal);
        Assert.Contains("Banner: not shown before, shown after.", run.Out, StringComparison.Ordinal);
        Assert.Contains("Revision: 1 -> 2 (last updated 2026-11-24).", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void MaterialChangeWithoutHistoryEntryExitsOneWithTheFix()
    {
        using var dir = new TempDir();
        var updated = dir.File("new.yaml");
        File.WriteAllText(updated, WithAnalytics(""));
        var run = CliRun.Of("diff", CliRun.Example("connectwyze"), updated);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("material changes, but the revision is still 1", run.Err, StringComparison.Ordinal);
        Assert.Contains("'material: true'", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonOutputIsMachineReadable()
    {
        using var dir = new TempDir();
        var updated = dir.File("new.yaml");
        File.WriteAllText(updated, WithAnalytics("  - { date: 2026-11-24, summary: Added visit counting. }\n"));
        var run = CliRun.Of("diff", CliRun.Example("connectwyze"), updated, "--format", "json");
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal("consentry-diff/1", doc.RootElement.GetProperty("schema").GetString());
        Assert.True(doc.RootElement.GetProperty("requiresRenewedConsent").GetBoolean());
        Assert.True(doc.RootElement.GetProperty("bannerAfter").GetBoolean());
        Assert.Contains(doc.RootElement.GetProperty("changes").EnumerateArray(), c => c.GetProperty("subject").GetString() == "item '_pk_id*' (cookie)" && c.GetProperty("kind").GetString() == "material");
    }

    [Fact]
    public void SameManifestHasNoChanges()
    {
        var run = CliRun.Of("diff", CliRun.Example("claimcmr"), CliRun.Example("claimcmr"));
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("No changes.", run.Out, StringComparison.Ordinal);
    }
}
