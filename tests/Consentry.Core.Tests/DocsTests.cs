using System.Reflection;
using Consentry.Diagnostics;

namespace Consentry.Core.Tests;

/// <summary>Keeps docs/ true to the code.</summary>
public sealed class DocsTests
{
    [Fact]
    public void EveryDiagnosticCodeIsDocumented()
    {
        var docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "diagnostics.md"));
        var codes = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();
        Assert.NotEmpty(codes);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        foreach (var code in codes)
        {
            Assert.Contains($"| `{code}` |", docs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryManifestKeyIsDocumented()
    {
        var docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "manifest.md"));
        foreach (var key in Consentry.Manifests.Parsing.ManifestKeys.BySection.Values.SelectMany(k => k).Distinct())
        {
            Assert.Contains($"`{key}`", docs, StringComparison.Ordinal);
        }
    }
}
