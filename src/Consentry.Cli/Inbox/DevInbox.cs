using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Consentry.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Consentry.Cli.Inbox;

/// <summary>
/// A local inbox for trying alerts and notices: an SMTP server that keeps every message as an .eml file, and a
/// webhook receiver that keeps every request as JSON and checks its signature when given the channel's secret.
/// One line on the console for each.
/// </summary>
internal sealed class DevInbox : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _smtp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _smtpRunning;
    private readonly WebApplication _http;
    private readonly string _folder;
    private readonly TextWriter _log;
    private readonly Lock _lock = new();
    private int _mail;
    private int _hooks;

    private DevInbox(TcpListener smtp, WebApplication http, string folder, TextWriter log)
    {
        _folder = folder;
        _log = log;
        _http = http;
        SmtpEndpoint = (IPEndPoint)smtp.LocalEndpoint;
        var options = SmtpReceiverOptions.For("consentry-inbox", SmtpEndpoint);
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new NoDelaySmtpListener(smtp));
        _smtp = new SmtpServer.SmtpServer(options, services);
        _smtpRunning = _smtp.StartAsync(_stop.Token);
    }

    /// <summary>Where mail is received: the address given, with the port the system chose when it was 0.</summary>
    public IPEndPoint SmtpEndpoint { get; }

    /// <summary>Where webhooks are received (the first address Kestrel bound).</summary>
    public Uri HttpAddress => new(_http.Urls.First());

    /// <summary>
    /// Starts both receivers, on the addresses given (port 0: one the system chooses, see <see cref="SmtpEndpoint"/> and
    /// <see cref="HttpAddress"/>); throws <see cref="IOException"/> (with the address) when a port is taken.
    /// </summary>
    public static async Task<DevInbox> StartAsync(IPEndPoint smtp, string httpUrls, string folder, string? secret, TextWriter log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(folder, "mail"));
        Directory.CreateDirectory(Path.Combine(folder, "hooks"));
        // Bound here and served as is: no gap in which something else could take the port.
        var listener = new TcpListener(smtp);
        try
        {
            listener.Start();
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new IOException($"SMTP address {smtp} cannot be used: {e.Message}", e);
        }

        var builder = Serving.WebHosts.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(httpUrls);
        var app = builder.Build();
        var inbox = new DevInbox(listener, app, folder, log);
        app.MapPost("/{**path}", (Func<HttpContext, Task<IResult>>)(c => inbox.HookAsync(c, secret)));
        await app.StartAsync(cancellationToken);
        return inbox;
    }

    private async Task<IResult> HookAsync(HttpContext c, string? secret)
    {
        using var reader = new StreamReader(c.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(c.RequestAborted);
        string H(string name) => c.Request.Headers[name].ToString();
        var verdict = secret is null ? "signature not checked (give --secret)"
            : ConsentryServer.VerifyWebhook(secret, H("webhook-id"), H("webhook-timestamp"), H("webhook-signature"), body, DateTimeOffset.UtcNow) ? "signature verified" : "signature REFUSED";
        string type;
        try
        {
            using var doc = JsonDocument.Parse(body);
            type = doc.RootElement.TryGetProperty("type", out var t) ? t.GetString() ?? "?" : "?";
        }
        catch (JsonException)
        {
            type = "(not JSON)";
        }

        var n = Interlocked.Increment(ref _hooks);
        var record = JsonSerializer.Serialize(new { path = c.Request.Path.Value, headers = c.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString()), body });
        await File.WriteAllTextAsync(Path.Combine(_folder, "hooks", $"{n:D4}-{Safe(H("webhook-id"))}.json"), record, c.RequestAborted);
        Write($"hook  {type} {H("webhook-id")} on {c.Request.Path}: {verdict}");
        return verdict == "signature REFUSED" ? Results.StatusCode(StatusCodes.Status401Unauthorized) : Results.NoContent();
    }

    private async Task SaveAsync(ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(buffer.ToArray());
        var message = await MimeMessage.LoadAsync(stream, cancellationToken);
        var to = string.Join(", ", message.To.Mailboxes.Select(m => m.Address));
        var n = Interlocked.Increment(ref _mail);
        stream.Position = 0;
        await using (var file = File.Create(Path.Combine(_folder, "mail", $"{n:D4}-{Safe(to)}.eml")))
        {
            await stream.CopyToAsync(file, cancellationToken);
        }

        Write($"mail  to {to}: {message.Subject}");
    }

    private void Write(string line)
    {
        lock (_lock)
        {
            _log.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} {line}");
            _log.Flush();
        }
    }

    private static string Safe(string text) => new([.. text.Take(60).Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' or '_' or '@' ? ch : '_')]);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _smtp.Shutdown();
        try
        {
            await _smtpRunning;
        }
        catch (OperationCanceledException)
        {
        }

        await _http.StopAsync(CancellationToken.None);
        await _http.DisposeAsync();
        _stop.Dispose();
    }

    private sealed class Store(DevInbox inbox) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await inbox.SaveAsync(buffer, cancellationToken);
            return SmtpResponse.Ok;
        }
    }
}
