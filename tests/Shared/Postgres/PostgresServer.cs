using System.Diagnostics;
using Npgsql;

namespace Consentry.Tests;

/// <summary>
/// A real PostgreSQL server for tests: its own data folder and port on loopback, started with the
/// system's initdb and pg_ctl (as the postgres user when the tests run as root), stopped and removed
/// afterwards. scripts/test.sh installs PostgreSQL when it is missing; tests never skip without it.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _bin;

    private PostgresServer(string bin, string dir, int port)
    {
        _bin = bin;
        Folder = dir;
        Port = port;
    }

    public string Folder { get; }

    public int Port { get; private set; }

    private string Data => Path.Combine(Folder, "data");

    public static async Task<PostgresServer> StartAsync()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root) ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault() : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb). Run 'bash scripts/test.sh', which installs it (apt-get install postgresql).");
        }

        var dir = Directory.CreateTempSubdirectory("consentry-pg-").FullName;
        var server = new PostgresServer(bin, dir, FreePort.Next());
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "-R", "postgres:postgres", dir);
        }

        await server.PgAsync("initdb", "-D", server.Data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8");
        // PostgreSQL cannot be asked for port 0: the free port it is given can be taken by another test before it binds.
        // That (and only that) is retried on another port; the server then keeps its port across restarts.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await server.StartAgainAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 5 && server.PortWasTaken())
            {
                File.Delete(Path.Combine(server.Folder, "log"));
                server.Port = FreePort.Next();
            }
        }
    }

    private bool PortWasTaken()
    {
        var log = Path.Combine(Folder, "log");
        return File.Exists(log) && File.ReadAllText(log).Contains("Address already in use", StringComparison.Ordinal);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=60;Command Timeout=300;Pooling=true";

    /// <summary>A new empty database, so tests do not share tables.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        await using var c = new NpgsqlConnection(ConnectionString("postgres"));
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name};", c);
        await cmd.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public Task StopAsync() => PgAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");

    public Task StartAgainAsync() =>
        PgAsync("pg_ctl", "-D", Data, "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {Folder} -c fsync=on", "-l", Path.Combine(Folder, "log"), "-w", "start");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgAsync("pg_ctl", "-D", Data, "-m", "fast", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }

        NpgsqlConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    private Task PgAsync(string tool, params string[] args) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {await error}{await output}");
        }
    }
}
