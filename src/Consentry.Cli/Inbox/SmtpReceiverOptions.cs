using System.Net;
using SmtpServer;

namespace Consentry.Cli.Inbox;

/// <summary>
/// The SmtpServer package's settings for every SMTP receiver of ours (the inbox, the tests' server, the notice
/// bench). The package ends a session two minutes after it opened, whatever is going on in it: a notice run sends
/// over one connection for as long as it has recipients, so a long (or slowed) run had a message cut off mid-DATA
/// and answered 554. Here a session lasts as long as the client keeps it; an idle one still ends at the package's
/// command wait (five minutes).
/// </summary>
internal static class SmtpReceiverOptions
{
    public static ISmtpServerOptions For(string serverName, IPEndPoint endpoint, int maxMessageSize = 10 * 1024 * 1024) =>
        new SmtpServerOptionsBuilder()
            .ServerName(serverName)
            .Endpoint(b => b.Endpoint(endpoint).SessionTimeout(Timeout.InfiniteTimeSpan))
            .MaxMessageSize(maxMessageSize)
            .Build();
}
