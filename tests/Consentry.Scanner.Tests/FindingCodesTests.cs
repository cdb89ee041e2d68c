using System.Reflection;
using System.Text.RegularExpressions;
using Consentry.Scanner;

namespace Consentry.Scanner.Tests;

/// <summary>The scanner's finding codes live in one place, and every one is documented and described.</summary>
public sealed class FindingCodesTests
{
    private static List<string> Codes() =>
        [.. typeof(FindingCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!).Order(StringComparer.Ordinal)];

    [Fact]
    public void EveryFindingCodeIsDocumentedAndNoUnknownCodeIs()
    {
        var docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "scanner.md"));
        var documented = Regex.Matches(docs, @"^\| (SC\d{3}) \|", RegexOptions.Multiline).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
        Assert.Equal(Codes(), documented);
    }

    [Fact]
    public void EveryFindingCodeHasADescriptionForSarif()
    {
        Assert.Equal(Codes(), FindingCodes.Descriptions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Codes().Count, Codes().Distinct().Count());
    }
}
