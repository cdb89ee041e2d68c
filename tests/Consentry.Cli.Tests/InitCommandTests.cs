using Consentry.Manifests;

namespace Consentry.Cli.Tests;

public sealed class InitCommandTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("posthog", true)]
    [InlineData("google-analytics", true)]
    public void StarterManifestValidatesWithoutWarnings(string? analytics, bool banner)
    {
        using var dir = new TempDir();
        var path = dir.File("cookies.yaml");
        string[] args = ["init", "-o", path, "--name", "Acme \"Cloud\"", "--domain", "acme.example", "--date", "2026-11-24"];
        var run = CliRun.Of(analytics is null ? args : [.. args, "--analytics", analytics]);
        Assert.Equal(0, run.ExitCode);
        var loaded = ManifestLoader.Load(path);
        Assert.Empty(loaded.Diagnostics);
        Assert.Equal("Acme \"Cloud\"", loaded.Manifest!.Site.Name);
        Assert.Equal("privacy@acme.example", loaded.Manifest.Site.Contact.Email);
        Assert.Equal(new DateOnly(2026, 11, 24), loaded.Manifest.LastUpdated);
        Assert.Equal(banner, loaded.Manifest.BannerRequired);
        Assert.Contains("# ", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesToOverwriteWithoutForce()
    {
        using var dir = new TempDir();
        var path = dir.File("cookies.yaml");
        File.WriteAllText(path, "mine");
        var run = CliRun.Of("init", "-o", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--force", run.Err, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(path));
        Assert.Equal(0, CliRun.Of("init", "-o", path, "--force").ExitCode);
        Assert.NotEqual("mine", File.ReadAllText(path));
    }

    [Fact]
    public void BadDateIsAUsageError()
    {
        using var dir = new TempDir();
        Assert.Equal(2, CliRun.Of("init", "-o", dir.File("c.yaml"), "--date", "24/11/2026").ExitCode);
        Assert.False(File.Exists(dir.File("c.yaml")));
    }
}
