using System.Diagnostics;
using System.Text;

namespace Consentry.Browser.Tests.Hostile;

/// <summary><c>consentry scan</c> stopped with SIGTERM in the middle of a page that never answers: a clean stop, no stack trace, nothing left behind.</summary>
public sealed class InterruptedScanTests(HostileSiteFixture fixture) : IClassFixture<HostileSiteFixture>
{
    [Fact]
    public async Task SigtermStopsTheScanCleanlyAndRemovesItsProfiles()
    {
        var cancel = TestContext.Current.CancellationToken;
        var temp = Directory.CreateTempSubdirectory("consentry-sigterm-").FullName;
        try
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "consentry.dll"));
            foreach (var a in new[] { "scan", fixture.Site.Url("/hang-start").ToString(), "--max-pages", "2", "--page-timeout", "3600", "--max-time", "3600" })
            {
                info.ArgumentList.Add(a);
            }

            info.Environment["TMPDIR"] = temp;
            using var process = Process.Start(info)!;
            process.StandardInput.Close();
            var stderr = new StringBuilder();
            var firstPage = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            process.ErrorDataReceived += (_, e) =>
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }

                // A progress line ("untouched    1/2 http://…/hang-start"), not the "Scanning …" line before it.
                if (e.Data?.Contains(" 1/2 ", StringComparison.Ordinal) == true && e.Data.Contains("/hang-start", StringComparison.Ordinal))
                {
                    firstPage.TrySetResult();
                }
            };
            process.BeginErrorReadLine();
            var stdout = process.StandardOutput.ReadToEndAsync(cancel);

            // Once a page is done, the scan is inside the page that never answers (timeout: an hour).
            await firstPage.Task.WaitAsync(TimeSpan.FromMinutes(3), cancel);
            Assert.NotEmpty(Directory.GetDirectories(temp, "consentry-scan-*"));
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(cancel);
            }

            await process.WaitForExitAsync(cancel).WaitAsync(TimeSpan.FromMinutes(2), cancel);
            await stdout;
            string err;
            lock (stderr)
            {
                err = stderr.ToString();
            }

            Assert.Equal(130, process.ExitCode);
            Assert.Contains("scan interrupted", err, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
            Assert.Empty(Directory.GetDirectories(temp, "consentry-scan-*"));
            Assert.Empty(ProcessesUsing(temp));
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>Processes whose command line names the folder (a Chromium left running with its profile there).</summary>
    private static List<int> ProcessesUsing(string folder) =>
        [.. Directory.EnumerateDirectories("/proc").Select(d => (Dir: d, Ok: int.TryParse(Path.GetFileName(d), out var pid), Pid: pid)).Where(x => x.Ok && CommandLine(x.Dir).Contains(folder, StringComparison.Ordinal)).Select(x => x.Pid)];

    private static string CommandLine(string dir)
    {
        try
        {
            return File.ReadAllText(Path.Combine(dir, "cmdline"));
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
