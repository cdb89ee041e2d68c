using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Consentry.Cli.Tests;

/// <summary>
/// <c>consentry cookiedb</c> against a real HTTP server on loopback that serves the copy of the Open
/// Cookie Database in ../shared (never committed here), and the scanner's use of what it caches.
/// </summary>
public sealed class CookieDbCommandTests : IAsyncLifetime
{
    private static readonly string Copy = RepoPaths.OpenCookieDatabaseCopy;

    private WebApplication _server = null!;
    private Uri _base = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapGet("/ocd.csv", () => Results.File(Copy, "text/csv"));
        _server.MapGet("/page.html", () => Results.Content("<!DOCTYPE html><html><body>Moved</body></html>", "text/html"));
        await _server.StartAsync();
        _base = new Uri(_server.Urls.First());
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static Dictionary<string, string> Data(TempDir dir) => new() { ["CONSENTRY_DATA"] = dir.Path };

    [Fact]
    public async Task UpdateDownloadsChecksAndCachesTheDatabaseInTheDataFolder()
    {
        using var dir = new TempDir();
        var run = await CliProcess.RunAsync(Data(dir), "cookiedb", "update", "--from", new Uri(_base, "/ocd.csv").ToString());
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Matches(@"Open Cookie Database: 2\d{3} entries", run.Out);
        Assert.Equal(await File.ReadAllBytesAsync(Copy, TestContext.Current.CancellationToken), await File.ReadAllBytesAsync(dir.File("open-cookie-database.csv"), TestContext.Current.CancellationToken));
        var status = await CliProcess.RunAsync(Data(dir), "cookiedb", "status");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("/ocd.csv", status.Out, StringComparison.Ordinal);
        Assert.Contains("sha256", status.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateImportsAFileGivenWithFrom()
    {
        using var dir = new TempDir();
        var run = await CliProcess.RunAsync(Data(dir), "cookiedb", "update", "--from", Copy);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.True(File.Exists(dir.File("open-cookie-database.csv")));
    }

    [Fact]
    public async Task AnHtmlPageOrAMissingAddressLeavesTheCacheAsItWas()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await CliProcess.RunAsync(Data(dir), "cookiedb", "update", "--from", Copy)).ExitCode);
        var before = await File.ReadAllBytesAsync(dir.File("open-cookie-database.csv"), TestContext.Current.CancellationToken);

        var html = await CliProcess.RunAsync(Data(dir), "cookiedb", "update", "--from", new Uri(_base, "/page.html").ToString());
        Assert.Equal(1, html.ExitCode);
        Assert.Contains("not the Open Cookie Database CSV", html.Err, StringComparison.Ordinal);
        Assert.Contains("left as it was", html.Err, StringComparison.Ordinal);

        var missing = await CliProcess.RunAsync(Data(dir), "cookiedb", "update", "--from", new Uri(_base, "/nothing.csv").ToString());
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("404", missing.Err, StringComparison.Ordinal);

        var refused = await CliProcess.RunAsync(Data(dir), "cookiedb", "update", "--from", $"http://127.0.0.1:{FreePort.Next()}/ocd.csv");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("could not get the Open Cookie Database", refused.Err, StringComparison.Ordinal);

        Assert.Equal(before, await File.ReadAllBytesAsync(dir.File("open-cookie-database.csv"), TestContext.Current.CancellationToken));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.download"));
    }

    [Fact]
    public async Task StatusWithoutACacheSaysHowToGetOne()
    {
        using var dir = new TempDir();
        var run = await CliProcess.RunAsync(Data(dir), "cookiedb", "status");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("consentry cookiedb update", run.Out, StringComparison.Ordinal);
    }
}
