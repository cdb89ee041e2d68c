using System.CommandLine;
using System.Net;
using Consentry.Cli.Inbox;

namespace Consentry.Cli.Commands;

/// <summary><c>consentry inbox</c>: a local SMTP server and webhook receiver to try alerts and notices with.</summary>
internal static class InboxCommand
{
    public static Command Create()
    {
        var smtp = new Option<string>("--smtp") { Description = "The address the SMTP server listens on (point the server's Smtp:Host and Smtp:Port here, Smtp:Security none).", DefaultValueFactory = _ => "127.0.0.1:2525" };
        var http = new Option<string>("--http") { Description = "The address webhooks are received on: any path, such as http://127.0.0.1:5092/hooks.", DefaultValueFactory = _ => "http://127.0.0.1:5092" };
        var output = new Option<string>("--out") { Description = "The folder messages (mail/*.eml) and webhook requests (hooks/*.json) are kept in.", DefaultValueFactory = _ => Path.Combine("out", "inbox") };
        var secret = new Option<string?>("--secret") { Description = "A webhook channel's signing secret (whsec_…); each webhook's signature is then checked and a bad one answered 401. Default: $CONSENTRY_INBOX_SECRET, else not checked." };
        var command = new Command("inbox", "Receive e-mail (SMTP) and webhooks locally, to try the server's alerts and notices without a mail server: one line each on the console, files in --out. Runs until Ctrl+C. Exit code: 0 stopped, 1 an address is taken, 2 usage error.")
        {
            smtp,
            http,
            output,
            secret,
        };
        command.SetAction(async (r, cancel) =>
        {
            if (!IPEndPoint.TryParse(r.GetValue(smtp)!, out var endpoint) || endpoint.Port == 0)
            {
                throw new UsageException($"--smtp '{r.GetValue(smtp)}' is not an address with a port, such as 127.0.0.1:2525.");
            }

            var log = r.InvocationConfiguration.Output;
            try
            {
                await using var inbox = await DevInbox.StartAsync(endpoint, r.GetValue(http)!, r.GetValue(output)!,
                    r.GetValue(secret) ?? NullIfEmpty(Environment.GetEnvironmentVariable("CONSENTRY_INBOX_SECRET")), log, cancel);
                log.WriteLine($"Consentry inbox: SMTP on {inbox.SmtpEndpoint}, webhooks on {inbox.HttpAddress.GetLeftPart(UriPartial.Authority)}/<any path>, files in {Path.GetFullPath(r.GetValue(output)!)}. Press Ctrl+C to stop.");
                await Task.Delay(Timeout.Infinite, cancel).ContinueWith(_ => { }, TaskScheduler.Default);
                return ExitCodes.Ok;
            }
            catch (IOException e)
            {
                r.InvocationConfiguration.Error.WriteLine($"consentry: {e.Message} Fix: stop what uses it, or give another address.");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
