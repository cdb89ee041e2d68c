using System.Text.RegularExpressions;

namespace Consentry.Core.Tests;

/// <summary>Each product is used through its public API only: internals are shown to test assemblies, never to another product.</summary>
public sealed class ProductDoorsTests
{
    [Fact]
    public void NoProductShowsItsInternalsToAnotherProduct()
    {
        var doors = new List<string>();
        foreach (var project in Directory.GetFiles(Path.Combine(RepoPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            var name = Path.GetFileNameWithoutExtension(project);
            foreach (Match m in Regex.Matches(File.ReadAllText(project), "InternalsVisibleTo Include=\"([^\"]+)\""))
            {
                if (!m.Groups[1].Value.EndsWith(".Tests", StringComparison.Ordinal))
                {
                    doors.Add($"{name} -> {m.Groups[1].Value}");
                }
            }
        }

        Assert.Empty(doors);
    }
}
