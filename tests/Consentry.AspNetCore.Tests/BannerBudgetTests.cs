using System.Diagnostics;
using Consentry.Manifests;

namespace Consentry.AspNetCore.Tests;

/// <summary>The banner's weight budget (issue 3, kept by issue 16): its script and stylesheet as served, gzip -9, at most 5,000 bytes.</summary>
public sealed class BannerBudgetTests
{
    private const int Budget = 5_000;

    [Fact]
    public async Task TheServedBannerScriptAndStylesheetStayWithinFiveThousandBytesGzipped()
    {
        var site = new ConsentrySite(ManifestLoader.Load(RepoPaths.Example("claimcmr")).GetValidManifest(), "/consentry");
        // The same measure as bench/banner-size.sh: GNU gzip -9 over the script and the stylesheet together.
        var gzip = new ProcessStartInfo("gzip", "-9 -c") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(gzip) ?? throw new InvalidOperationException("gzip did not start.");
        var counted = CountAsync(process.StandardOutput.BaseStream);
        await process.StandardInput.BaseStream.WriteAsync(site.Script.Content, TestContext.Current.CancellationToken);
        await process.StandardInput.BaseStream.WriteAsync(site.Style.Content, TestContext.Current.CancellationToken);
        process.StandardInput.Close();
        var bytes = await counted;
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, process.ExitCode);
        Assert.True(bytes <= Budget, $"The banner is {bytes} bytes gzipped, over its {Budget}-byte budget: make room before adding to it (bash bench/banner-size.sh).");
    }

    private static async Task<long> CountAsync(Stream output)
    {
        var buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = await output.ReadAsync(buffer, TestContext.Current.CancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }
}
