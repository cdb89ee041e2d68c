using System.Text;
using Consentry.Diagnostics;
using Consentry.Manifests;

namespace Consentry.Core.Tests.Hostile;

/// <summary>
/// Manifests an attacker (or an accident) would produce: each is one located error, never a crash or a
/// silently different manifest.
/// </summary>
public sealed class HostileManifestTests
{
    private static readonly string Valid = File.ReadAllText(RepoPaths.Example("casemgmt"));

    private static Diagnostic Refused(ManifestLoadResult result, string code)
    {
        Assert.Null(result.Manifest);
        return Assert.Single(result.Diagnostics, d => d.Code == code);
    }

    [Theory]
    [InlineData(50_000)]
    [InlineData(33)]
    public void DeepFlowNestingIsALocatedErrorNotAStackOverflow(int depth)
    {
        var text = Valid + "\nextra: " + new string('[', depth) + new string(']', depth) + "\n";
        var d = Refused(ManifestLoader.Parse(text, "deep.yaml"), DiagnosticCodes.TooDeep);
        Assert.Equal(Valid.Split('\n').Length + 1, d.Location.Line);
    }

    [Fact]
    public void DeepBlockNestingIsALocatedError()
    {
        var text = new StringBuilder(Valid).Append('\n');
        for (var i = 0; i < 40; i++)
        {
            text.Append(new string(' ', i * 2)).Append('k').Append(i).Append(":\n");
        }

        text.Append(new string(' ', 80)).Append("v: 1\n");
        Refused(ManifestLoader.Parse(text.ToString(), "deep.yaml"), DiagnosticCodes.TooDeep);
    }

    [Fact]
    public void ThirtyTwoLevelsAreStillReadAsYaml()
    {
        var text = Valid + "\nextra: " + new string('[', 31) + new string(']', 31) + "\n";
        var result = ManifestLoader.Parse(text, "ok.yaml");
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCodes.TooDeep);
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.UnknownKey); // 'extra' reached the parser
    }

    [Fact]
    public void InvalidUtf8IsAnErrorAtItsLineAndColumn()
    {
        using var dir = new TempFolder();
        var lines = Valid.Split('\n');
        var path = Path.Combine(dir.Path, "cookies.yaml");
        var before = Encoding.UTF8.GetBytes(string.Join('\n', lines[..6]) + "\n  name: caséé");
        File.WriteAllBytes(path, [.. before, 0xFF, .. Encoding.UTF8.GetBytes("mgmt.io\n" + string.Join('\n', lines[7..]))]);
        var d = Refused(ManifestLoader.Load(path), DiagnosticCodes.InvalidEncoding);
        Assert.Equal(new SourceLocation(path, 7, 14), d.Location); // after "  name: caséé": 13 characters
        Assert.Contains("0xFF", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AByteOrderMarkIsAccepted()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "cookies.yaml");
        File.WriteAllBytes(path, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Valid)]);
        Assert.False(ManifestLoader.Load(path).HasErrors);
    }

    [Fact]
    public void AFileOverTheSizeLimitIsRefusedBeforeItIsRead()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "cookies.yaml");
        using (var f = File.Create(path))
        {
            f.SetLength(2L * 1024 * 1024 * 1024); // 2 GiB, sparse: reading it would take the memory
        }

        var d = Refused(ManifestLoader.Load(path), DiagnosticCodes.TooLarge);
        Assert.Contains("at most 1,048,576 bytes", d.Message, StringComparison.Ordinal);
        Refused(ManifestLoader.Parse(Valid + "# " + new string('x', 1024 * 1024) + "\n"), DiagnosticCodes.TooLarge);
    }

    [Fact]
    public void ASecondDocumentIsAnErrorNotIgnored()
    {
        var text = Valid + "\n---\nconsentry: 1\nsite: { name: Other }\n";
        var d = Refused(ManifestLoader.Parse(text, "two.yaml"), DiagnosticCodes.ExtraDocument);
        Assert.Equal(Valid.Split('\n').Length + 1, d.Location.Line);
    }

    [Theory]
    [InlineData("!evil")]
    [InlineData("!<tag:example.com,2026:x>")]
    [InlineData("!!python/object:os.system")]
    public void AnUnknownTagIsAnError(string tag)
    {
        var d = Refused(ManifestLoader.Parse(Valid.Replace("owner: casemgmt.io", $"owner: {tag} casemgmt.io", StringComparison.Ordinal), "tag.yaml"), DiagnosticCodes.UnknownTag);
        Assert.Equal(9, d.Location.Line);
    }

    [Fact]
    public void CoreTagsAreHarmless()
    {
        Assert.False(ManifestLoader.Parse(Valid.Replace("owner: casemgmt.io", "owner: !!str casemgmt.io", StringComparison.Ordinal)).HasErrors);
    }

    [Fact]
    public void AnAliasBombIsRefused()
    {
        var text = new StringBuilder(Valid).Append("\nbomb:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            text.Append($"  a{i}: &a{i} [*a{(i == 1 ? "" : i - 1)}, *a{(i == 1 ? "" : i - 1)}, *a{(i == 1 ? "" : i - 1)}, *a{(i == 1 ? "" : i - 1)}, *a{(i == 1 ? "" : i - 1)}]\n");
        }

        Refused(ManifestLoader.Parse(text.ToString(), "bomb.yaml"), DiagnosticCodes.AliasAbuse);
    }

    [Theory]
    [InlineData("{\"consentry\": 1, \"site\": {\"name\": \"J\"},}", 1, 40)]
    [InlineData("{\"consentry\": 1,\n 'site': {\"name\": \"J\"}}", 2, 2)]
    [InlineData("{\"consentry\": 1, // a comment\n \"site\": {}}", 1, 18)]
    [InlineData("consentry: 1\nsite: {name: J}\n", 1, 1)]
    public void AJsonManifestMustBeStrictJson(string json, int line, int column)
    {
        var d = Refused(ManifestLoader.Parse(json, "cookies.json"), DiagnosticCodes.Syntax);
        Assert.Equal(new SourceLocation("cookies.json", line, column), d.Location);
        Assert.StartsWith("The file is not valid JSON", d.Message, StringComparison.Ordinal);
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("consentry-hostile-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
