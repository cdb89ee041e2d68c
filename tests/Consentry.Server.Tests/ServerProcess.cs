using System.Collections.Concurrent;
using System.Diagnostics;

namespace Consentry.Server.Tests;

/// <summary>
/// A real <c>consentry server</c> process on a port it binds itself (port 0; the address is read back from its
/// start-up line, so no other test can take the port in between), its output collected; stopped with SIGTERM.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process) => _process = process;

    public Uri Address { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public ConcurrentQueue<string> Output { get; } = new();

    /// <summary>The process id (part of the instance name the server records, <c>host:pid</c>).</summary>
    public int Id => _process.Id;

    /// <summary>Kills the process and its children (the browsers it started) with SIGKILL: no shutdown, no cleanup.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "consentry.dll"));
        info.ArgumentList.Add("server");
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment)
        {
            info.Environment[k] = v;
        }

        var server = new ServerProcess(Process.Start(info)!);
        server._process.OutputDataReceived += (_, e) => server.Received(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Received(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        hang.CancelAfter(TimeSpan.FromMinutes(5)); // a ceiling that only catches a hang: a busy machine starts a server slowly
        await Task.WhenAny(server._listening.Task, server._process.WaitForExitAsync(hang.Token));
        Assert.True(server._listening.Task.IsCompleted, "the server did not start: " + string.Join('\n', server.Output));
        server.Address = await server._listening.Task;
        server.Client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.Address };
        return server;
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        Output.Enqueue(line);
        // "Consentry server on http://127.0.0.1:40123/ — admin UI …": the address Kestrel bound.
        const string Prefix = "Consentry server on ";
        if (line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            _listening.TrySetResult(new Uri(line[Prefix.Length..line.IndexOf(' ', Prefix.Length)]));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            using var hang = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            try
            {
                await _process.WaitForExitAsync(hang.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
