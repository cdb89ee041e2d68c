// Notices to account holders (issue 12): a run of N recipients through a real `consentry server` process (SQLite)
// to an SMTP sink on loopback, for N = 20,000 and 100,000 by default. Reports messages per second and the server's
// resident memory while sending; memory must stay flat as recipients grow (the run streams, it does not load).
using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Consentry.Cli.Inbox;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

var counts = (args.Length > 0 ? args[0] : "20000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
var root = FindRoot();
var sink = new Sink();
var smtpPort = FreePort();
var smtp = new SmtpServer.SmtpServer(SmtpReceiverOptions.For("sink", new IPEndPoint(IPAddress.Loopback, smtpPort)), Services(sink));
_ = smtp.StartAsync(CancellationToken.None);

Console.WriteLine($"Notice runs through a consentry server process (SQLite) to an SMTP sink on loopback; {Environment.ProcessorCount} CPUs.");
Console.WriteLine("recipients  seconds  messages/s  server memory while sending (peak RSS)");
var results = new List<(int N, double Seconds, double Rate, long PeakMb)>();
foreach (var n in counts)
{
    var r = await RunAsync(n);
    results.Add(r);
    Console.WriteLine($"{r.N,10:N0}  {r.Seconds,7:F1}  {r.Rate,10:F0}  {r.PeakMb,6} MB");
}

if (results.Count > 1)
{
    var ratio = (double)results[^1].PeakMb / results[0].PeakMb;
    Console.WriteLine($"memory {results[^1].N:N0} / {results[0].N:N0} recipients: {ratio:F2} (goal <= 1.25: flat, the run streams)");
    return ratio <= 1.25 ? 0 : 1;
}

return 0;

async Task<(int N, double Seconds, double Rate, long PeakMb)> RunAsync(int n)
{
    var folder = Directory.CreateTempSubdirectory("consentry-bench-notices-").FullName;
    try
    {
        Directory.CreateDirectory(Path.Combine(folder, "sites", "claimcmr"));
        File.Copy(Path.Combine(root, "examples", "claimcmr", "cookies.yaml"), Path.Combine(folder, "sites", "claimcmr", "cookies.yaml"));
        var db = Path.Combine(folder, "ledger.db");
        await RunCliAsync(["server", "admin", "add", "--email", "ops@example.com", "--db", db, "--password-stdin"], "correct horse battery staple");
        var port = FreePort();
        var env = new Dictionary<string, string>
        {
            ["CONSENTRY_SMTP__HOST"] = "127.0.0.1", ["CONSENTRY_SMTP__PORT"] = smtpPort.ToString(CultureInfo.InvariantCulture), ["CONSENTRY_SMTP__SECURITY"] = "none",
            ["CONSENTRY_NOTICES__PERSECOND"] = "0", ["CONSENTRY_VERIFYEVERY"] = "00:00:00", ["CONSENTRY_DATA"] = folder,
        };
        using var server = Start(["server", "--db", db, "--manifests", Path.Combine(folder, "sites"), "--urls", $"http://127.0.0.1:{port}"], env, out var ready);
        await ready.Task.WaitAsync(TimeSpan.FromMinutes(3));
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(10) };
        var key = await KeyAsync(http);
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var revision = await File.ReadAllTextAsync(Path.Combine(root, "docs", "demo", "claimcmr-revision-2.yaml"));
        (await http.PutAsync("api/v1/sites/claimcmr/manifest", new StringContent(revision, Encoding.UTF8, "application/yaml"))).EnsureSuccessStatusCode();
        for (var from = 0; from < n; from += 10_000)
        {
            var batch = Enumerable.Range(from, Math.Min(10_000, n - from)).Select(i => new { address = $"holder{i:D7}@example.com", language = (i % 3) switch { 0 => "en", 1 => "de", _ => "fr" } });
            (await http.PostAsJsonAsync("api/v1/sites/claimcmr/notices/2/recipients", batch)).EnsureSuccessStatusCode();
        }

        var before = sink.Count;
        var clock = Stopwatch.StartNew();
        (await http.PostAsync("api/v1/sites/claimcmr/notices/2/send", null)).EnsureSuccessStatusCode();
        long peak = 0;
        while (true)
        {
            peak = Math.Max(peak, Rss(server.Id));
            var report = await http.GetFromJsonAsync<JsonElement>("api/v1/sites/claimcmr/notices/2");
            if (report.GetProperty("status").GetString() == "done")
            {
                if (report.GetProperty("sent").GetInt64() != n || sink.Count - before != n)
                {
                    throw new InvalidOperationException($"{report.GetProperty("sent").GetInt64()} sent and {sink.Count - before} received of {n}.");
                }

                break;
            }

            await Task.Delay(200);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        server.Kill(entireProcessTree: true);
        return (n, seconds, n / seconds, peak / 1024 / 1024);
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

async Task<string> KeyAsync(HttpClient http)
{
    var cookies = new Dictionary<string, string>();
    async Task<string> SendAsync(HttpMethod method, string path, Dictionary<string, string>? form = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = form is null ? null : new FormUrlEncodedContent(form) };
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        using var response = await http.SendAsync(request);
        foreach (var c in response.Headers.TryGetValues("Set-Cookie", out var v) ? v : [])
        {
            var pair = c.Split(';')[0].Split('=', 2);
            cookies[pair[0]] = pair[1];
        }

        return await response.Content.ReadAsStringAsync();
    }

    string Token(string page) => WebUtility.HtmlDecode(Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
    var login = await SendAsync(HttpMethod.Get, "admin/login");
    await SendAsync(HttpMethod.Post, "admin/login", new() { ["email"] = "ops@example.com", ["password"] = "correct horse battery staple", ["__RequestVerificationToken"] = Token(login) });
    var keys = await SendAsync(HttpMethod.Get, "admin/keys");
    var created = await SendAsync(HttpMethod.Post, "admin/keys?handler=Create", new() { ["name"] = "bench", ["access"] = "write", ["__RequestVerificationToken"] = Token(keys) });
    return Regex.Match(created, "csk_[0-9a-f]{12}_[A-Za-z0-9~-]+").Value is { Length: > 0 } key ? key : throw new InvalidOperationException("No API key was made: " + created[..Math.Min(300, created.Length)]);
}

Process Start(string[] arguments, Dictionary<string, string> env, out TaskCompletionSource ready)
{
    var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "consentry.dll"));
    arguments.ToList().ForEach(info.ArgumentList.Add);
    foreach (var (k, v) in env)
    {
        info.Environment[k] = v;
    }

    var p = Process.Start(info)!;
    var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    p.OutputDataReceived += (_, e) => { if (e.Data?.StartsWith("Consentry server on", StringComparison.Ordinal) == true) { started.TrySetResult(); } };
    p.ErrorDataReceived += (_, _) => { };
    p.BeginOutputReadLine();
    p.BeginErrorReadLine();
    ready = started;
    return p;
}

async Task RunCliAsync(string[] arguments, string stdin)
{
    var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
    info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "consentry.dll"));
    arguments.ToList().ForEach(info.ArgumentList.Add);
    using var p = Process.Start(info)!;
    await p.StandardInput.WriteLineAsync(stdin);
    p.StandardInput.Close();
    var err = await p.StandardError.ReadToEndAsync();
    await p.WaitForExitAsync();
    if (p.ExitCode != 0)
    {
        throw new InvalidOperationException("consentry " + string.Join(' ', arguments) + ": " + err);
    }
}

static long Rss(int pid)
{
    try
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
    catch (IOException)
    {
        return 0;
    }
}

static int FreePort()
{
    using var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
    l.Start();
    return ((IPEndPoint)l.LocalEndpoint).Port;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Consentry.slnx")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run from the repository.");
}

static SmtpServer.ComponentModel.ServiceProvider Services(Sink sink)
{
    var services = new SmtpServer.ComponentModel.ServiceProvider();
    services.Add(sink);
    services.Add(new NoDelaySmtpListener());
    return services;
}

/// <summary>Counts what it accepts; parses nothing (the bench measures the server, not the sink).</summary>
internal sealed class Sink : MessageStore
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return Task.FromResult(SmtpResponse.Ok);
    }
}
