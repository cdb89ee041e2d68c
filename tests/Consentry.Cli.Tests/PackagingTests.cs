using System.Diagnostics;
using System.IO.Compression;

namespace Consentry.Cli.Tests;

/// <summary>The CLI packs as a dotnet tool named 'consentry', and the real executable returns the documented exit codes.</summary>
public sealed class PackagingTests
{
    private static (int Code, string Output) Dotnet(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = CliRun.Root };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        // An outer limit that only catches a hang; how long dotnet takes on a busy machine is not under test.
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(20)), "dotnet " + string.Join(' ', args) + " hung");
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    [Fact]
    public void PacksAsADotnetToolNamedConsentry()
    {
        using var dir = new TempDir();
        // Packs what the test build already compiled (Debug, referenced by this project): packaging is under test, not a second build.
        var (code, output) = Dotnet("pack", "src/Consentry.Cli/Consentry.Cli.csproj", "-c", "Debug", "--no-build", "-o", dir.Path, "-nologo");
        Assert.True(code == 0, output);
        var package = Assert.Single(Directory.GetFiles(dir.Path, "Consentry.Cli.*.nupkg"));
        using var zip = ZipFile.OpenRead(package);
        var settings = zip.Entries.Single(e => e.FullName.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
        using var reader = new StreamReader(settings.Open());
        Assert.Contains("Name=\"consentry\"", reader.ReadToEnd(), StringComparison.Ordinal);
        Assert.Contains(zip.Entries, e => e.FullName.EndsWith("/consentry.dll", StringComparison.Ordinal));
        Assert.Contains(zip.Entries, e => e.FullName.EndsWith("/Consentry.Core.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void TheRealExecutableReturnsDocumentedExitCodes()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "consentry.dll");
        Assert.Equal(0, Dotnet(cli, "validate", CliRun.Example("casemgmt")).Code);
        Assert.Equal(1, Dotnet(cli, "validate", "/nonexistent/cookies.yaml").Code);
        Assert.Equal(2, Dotnet(cli, "validate").Code);
        var (code, output) = Dotnet(cli, "render", CliRun.Example("claimcmr"), "--format", "text", "--lang", "fr");
        Assert.Equal(0, code);
        Assert.Contains("Politique relative aux cookies", output, StringComparison.Ordinal);
    }
}
