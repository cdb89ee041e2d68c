namespace Consentry.Cli.Tests;

public sealed class RenderCommandTests
{
    [Theory]
    [InlineData("html", "<!DOCTYPE html>")]
    [InlineData("html-fragment", "<section class=\"consentry-policy\"")]
    [InlineData("md", "# Cookie Policy")]
    [InlineData("text", "Cookie Policy\n=============")]
    [InlineData("json", "\"schema\": \"consentry-policy/1\"")]
    public void RendersEachFormatToStandardOutput(string format, string start)
    {
        var run = CliRun.Of("render", CliRun.Example("claimcmr"), "--format", format);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(start, run.Out, StringComparison.Ordinal);
        Assert.Contains("ph_", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void WritesToAFileCreatingItsFolder()
    {
        using var dir = new TempDir();
        var target = Path.Combine(dir.Path, "site", "policy", "cookies.de.html");
        var run = CliRun.Of("render", CliRun.Example("casemgmt"), "-f", "html", "--lang", "de", "-o", target);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        var html = File.ReadAllText(target);
        Assert.Contains("<html lang=\"de\" dir=\"ltr\">", html, StringComparison.Ordinal);
        Assert.Contains("Cookie-Richtlinie", html, StringComparison.Ordinal);
        Assert.False(File.Exists(target + ".tmp"));
    }

    [Fact]
    public void UnsupportedLanguageIsAUsageError()
    {
        var run = CliRun.Of("render", CliRun.Example("casemgmt"), "--lang", "xx");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("en, de, fr, es, it, nl, pt, pl, sv, da, ar", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidManifestIsNotRendered()
    {
        using var dir = new TempDir();
        var path = dir.File("cookies.yaml");
        File.WriteAllText(path, "site: { name: X }\n");
        var run = CliRun.Of("render", path, "-o", dir.File("out.html"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error CN0112", run.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("out.html")));
    }
}
