namespace Consentry.Cli.Tests;

public sealed class ScanCommandTests
{
    [Fact]
    public void ANonHttpAddressIsAUsageError()
    {
        var run = CliRun.Of("scan", "ftp://example.com/");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not an http(s) URL", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreachableSiteExitsThreeWithTheReason()
    {
        var run = CliRun.Of("scan", "http://127.0.0.1:1/", "--max-pages", "1");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("could not be loaded", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidManifestStopsTheScanBeforeItStarts()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("cookies.yaml"), "site: { name: X }\n");
        var run = CliRun.Of("scan", "http://127.0.0.1:1/", "--manifest", dir.File("cookies.yaml"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("CN0112", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnusableBaselineIsAUsageErrorBeforeAnyScan()
    {
        using var dir = new TempDir();
        var missing = CliRun.Of("scan", "http://127.0.0.1:1/", "--baseline", dir.File("nope.json"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--baseline: there is no file", missing.Err, StringComparison.Ordinal);
        File.WriteAllText(dir.File("other.json"), "{\"schema\":\"consentry-diff/1\"}");
        var other = CliRun.Of("scan", "http://127.0.0.1:1/", "--baseline", dir.File("other.json"));
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("not a Consentry scan report", other.Err, StringComparison.Ordinal);
        var alone = CliRun.Of("scan", "http://127.0.0.1:1/", "--new-only");
        Assert.Equal(2, alone.ExitCode);
        Assert.Contains("--new-only needs --baseline", alone.Err, StringComparison.Ordinal);
    }
}
