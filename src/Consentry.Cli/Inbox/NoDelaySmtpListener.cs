using System.IO.Pipelines;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace Consentry.Cli.Inbox;

/// <summary>
/// The SMTP listener of the inbox (and of the tests' SMTP server): as the package's own, but with Nagle's algorithm off on each connection. With it
/// on, every reply waits for the client's delayed ACK (about 40 ms on loopback), and a 10,000-message run takes minutes.
/// Given a listener already bound (e.g. to port 0, which no other process can take in between), it serves that one.
/// </summary>
internal sealed class NoDelaySmtpListener(TcpListener? bound = null) : IEndpointListenerFactory
{
    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        if (bound is not null)
        {
            return new Listener(bound);
        }

        var listener = new TcpListener(endpointDefinition.Endpoint);
        listener.Start();
        return new Listener(listener);
    }

    private sealed class Listener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            return new PlainPipe(client);
        }

        public void Dispose() => listener.Stop();
    }

    private sealed class PlainPipe(TcpClient client) : ISecurableDuplexPipe
    {
        public PipeReader Input { get; } = PipeReader.Create(client.GetStream());

        public PipeWriter Output { get; } = PipeWriter.Create(client.GetStream());

        public bool IsSecure => false;

        public System.Security.Authentication.SslProtocols SslProtocol => System.Security.Authentication.SslProtocols.None;

        public Task UpgradeAsync(System.Security.Cryptography.X509Certificates.X509Certificate certificate, System.Security.Authentication.SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("This SMTP listener offers no TLS.");

        public void Dispose() => client.Dispose();
    }
}
