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
}
