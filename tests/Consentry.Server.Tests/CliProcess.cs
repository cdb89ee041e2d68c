using System.Diagnostics;

namespace Consentry.Server.Tests;

/// <summary>Runs the built <c>consentry</c> command as its own process.</summary>
internal static class CliProcess
{
    public static async Task<(int ExitCode, string Out, string Err)> RunAsync(string[] args, string? stdin = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "consentry.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        if (stdin is not null)
        {
            await p.StandardInput.WriteLineAsync(stdin);
        }

        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        hang.CancelAfter(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(hang.Token);
        return (p.ExitCode, await stdout, await stderr);
    }
}
