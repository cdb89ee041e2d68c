namespace Consentry.Cli.Tests;

public sealed class ValidateCommandTests
{
    [Fact]
    public void ValidManifestsExitZero()
    {
        var run = CliRun.Of("validate", CliRun.Example("claimcmr"), CliRun.Example("casemgmt"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("claimcmr/cookies.yaml: valid (0 errors, 0 warnings)", run.Out, StringComparison.Ordinal);
        Assert.Contains("casemgmt/cookies.yaml: valid", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorsExitOneAndPrintFileLineColumn()
    {
        using var dir = new TempDir();
        var path = dir.File("cookies.yaml");
        File.WriteAllText(path, "site:\n  name: X\n  contact: { email: a@x.example }\nitems:\n  - { name: a, category: nope, purpose: p, duration: 1d }\nhistory: [{ date: 2026-01-01, summary: s }]\n");
        var run = CliRun.Of("validate", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path}:5:26: error CN0101: Item 'a' has unknown category 'nope'.", run.Out, StringComparison.Ordinal);
        Assert.Contains("invalid (1 error, 0 warnings)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void WarningsPassUnlessStrict()
    {
        using var dir = new TempDir();
        var path = dir.File("cookies.yaml");
        File.WriteAllText(path, "site:\n  name: X\n  contact: { email: a@x.example }\nitems:\n  - { name: a, category: necessary, purpose: p, duration: 2y }\nhistory: [{ date: 2026-01-01, summary: s }]\n");
        Assert.Equal(0, CliRun.Of("validate", path).ExitCode);
        var strict = CliRun.Of("validate", "--strict", path);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("warning CN0109", strict.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileExitsOneWithAClearMessage()
    {
        var run = CliRun.Of("validate", "/nonexistent/cookies.yaml");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not exist", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("validate", "--no-such-option", "x.yaml")]
    [InlineData("frobnicate")]
    [InlineData("render", "x.yaml", "--format", "pdf")]
    [InlineData("diff", "only-one.yaml")]
    public void UsageErrorsExitTwo(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--help", run.Err, StringComparison.Ordinal);
    }
}
