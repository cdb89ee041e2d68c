using System.Diagnostics;
using System.Text.Json;

namespace Consentry.Tests;

/// <summary>
/// Go's <c>golang.org/x/mod/sumdb/tlog</c> and <c>sumdb/note</c> (Debian's golang-golang-x-mod-dev 0.7.0, built
/// with golang-go 1.19), run as an independent checker of Consentry's trees, proofs and signed checkpoints
/// (tests/tlog-verifier/verify.go). Built once per test run; scripts/test.sh installs both packages.
/// </summary>
internal static class TlogVerifier
{
    private static readonly Lazy<Task<string>> Binary = new(BuildAsync);

    /// <summary>Runs the checks in <paramref name="request"/> (see verify.go); returns each line it printed and its exit code.</summary>
    public static async Task<(int ExitCode, string[] Lines)> RunAsync(object request)
    {
        var binary = await Binary.Value;
        var info = new ProcessStartInfo(binary) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(request, JsonSerializerOptions.Web));
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, [.. (output + error).Split('\n', StringSplitOptions.RemoveEmptyEntries)]);
    }

    private static async Task<string> BuildAsync()
    {
        const string gopath = "/usr/share/gocode";
        if (!File.Exists("/usr/bin/go") || !Directory.Exists(Path.Combine(gopath, "src", "golang.org", "x", "mod", "sumdb", "tlog")))
        {
            throw new InvalidOperationException("Go and golang.org/x/mod are needed for the independent transparency-log checks. Fix: apt-get install golang-go golang-golang-x-mod-dev (scripts/test.sh does it).");
        }

        var output = Path.Combine(Directory.CreateTempSubdirectory("consentry-tlog-verify-").FullName, "verify");
        var info = new ProcessStartInfo("/usr/bin/go", ["build", "-o", output, "verify.go"])
        {
            WorkingDirectory = Path.Combine(RepoPaths.Root, "tests", "tlog-verifier"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["GOPATH"] = gopath;
        info.Environment["GO111MODULE"] = "off";
        info.Environment["GOFLAGS"] = "";
        info.Environment["GOCACHE"] = Path.Combine(Path.GetTempPath(), "consentry-gocache");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"go build of tests/tlog-verifier failed: {await stdout}{stderr}");
    }
}
