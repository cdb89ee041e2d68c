using System.Buffers;
using System.Collections.Concurrent;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using Consentry.Cli.Inbox;

namespace Consentry.Server.Tests;

/// <summary>
/// A real SMTP server on a loopback port (the SmtpServer package), keeping what it accepts as parsed MIME messages.
/// It can refuse recipients with a reply code, and hold a message's final reply (the 250 to DATA) until released:
/// a held message is not accepted, as an SMTP server that never answered has not taken it.
/// </summary>
internal sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private TestSmtpServer(System.Net.Sockets.TcpListener bound)
    {
        Port = ((System.Net.IPEndPoint)bound.LocalEndpoint).Port;
        var options = SmtpReceiverOptions.For("localhost", new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, Port));
        var services = new ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        services.Add(new NoDelaySmtpListener(bound));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>The messages accepted, in order.</summary>
    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>What went wrong on the server's side (a message it could not parse, a refusal), for a failing test's message.</summary>
    public ConcurrentQueue<string> Problems { get; } = new();

    /// <summary>A reply code to refuse a recipient with (550 permanent, 451 temporary), or null to take it.</summary>
    public Func<string, int?> Refuse { get; set; } = _ => null;

    /// <summary>Whether to hold this message (1-based count of DATA received) without answering, until <see cref="Release"/>.</summary>
    public Func<int, bool> Hold { get; set; } = _ => false;

    /// <summary>Completes with the held message's recipients when a message is being held.</summary>
    public TaskCompletionSource<string> Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _data;

    /// <summary>
    /// Starts on a port the kernel gives the listener as it binds: a port picked first and bound later can be taken
    /// in between by any of the other servers the parallel tests start (seen as "address already in use").
    /// </summary>
    public static TestSmtpServer Start()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return new(listener);
    }

    public void Release() => Released.TrySetResult();

    /// <summary>Waits until at least <paramref name="count"/> messages were accepted (an outer limit only catches a hang).</summary>
    public async Task WaitForAsync(int count, TimeSpan? limit = null)
    {
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        hang.CancelAfter(limit ?? TimeSpan.FromMinutes(3));
        while (Messages.Count < count)
        {
            await Task.Delay(50, hang.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _stop.CancelAsync();
        _server.Shutdown();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref owner._data);
            if (owner.Hold(n))
            {
                using var held = new MemoryStream(buffer.ToArray());
                owner.Holding.TrySetResult(string.Join(",", (await MimeMessage.LoadAsync(held, cancellationToken)).To.Mailboxes.Select(m => m.Address)));
                await owner.Released.Task.WaitAsync(cancellationToken);
                return new SmtpResponse(SmtpReplyCode.TransactionFailed, "held and not taken");
            }

            try
            {
                // The whole message is in memory: parsing it is not cut short by the session's token.
                using var stream = new MemoryStream(buffer.ToArray());
                owner.Messages.Enqueue(await MimeMessage.LoadAsync(stream, CancellationToken.None));
                return SmtpResponse.Ok;
            }
            catch (Exception e)
            {
                owner.Problems.Enqueue($"message {n}: {e.GetType().Name}: {e.Message}");
                throw;
            }
        }
    }

    private sealed class Filter(TestSmtpServer owner) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            if (owner.Refuse(to.AsAddress()) is { } code)
            {
                owner.Problems.Enqueue($"refused {to.AsAddress()} with {code}");
                throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)code, code >= 500 ? "no such mailbox" : "try again later"));
            }

            return Task.FromResult(true);
        }
    }
}
