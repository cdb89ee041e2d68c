using System.CommandLine;
using Consentry.AspNetCore;
using Consentry.Ledger.Stores;
using Consentry.Ledger.Transparency;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Consentry.Cli.Commands;

/// <summary><c>consentry ledger witness</c>: a minimal C2SP tlog-witness for the logs it is given, until Ctrl+C.</summary>
internal static class LedgerWitnessCommand
{
    public const string DefaultUrls = "http://127.0.0.1:7380";

    public static Command Create()
    {
        var logs = new Option<string[]>("--log") { Description = "A log to witness: its log key (or a file holding it), as the site's /log/key or config.json 'logKey' gives it. Repeatable.", Required = true };
        var key = new Option<string?>("--key") { Description = "The witness's own signing key file. Default: witness.key in the data folder, created on first start." };
        var name = new Option<string>("--name") { Description = "The name a created witness key gets.", DefaultValueFactory = _ => "witness.localhost" };
        var state = new Option<string?>("--state") { Description = "Where the witness keeps the last checkpoint it cosigned per log. Default: witness-state.json in the data folder." };
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, separated by ';'.", DefaultValueFactory = _ => DefaultUrls };
        var command = new Command("witness", "Run a witness (C2SP tlog-witness: POST /add-checkpoint) until Ctrl+C: it cosigns a log's checkpoint only when the log signed it and a consistency proof shows the log only grew since the last one it cosigned, and refuses rollbacks and forks. Exit code: 0 stopped, 1 cannot start, 2 usage error.") { logs, key, name, state, urls };
        command.SetAction(async (r, cancel) =>
        {
            var data = LedgerPaths.DataFolder();
            LogWitness witness;
            try
            {
                var signer = LogKeys.LoadOrCreateFile(r.GetValue(key) ?? Path.Combine(data, "witness.key"), r.GetRequiredValue(name)).Signer;
                witness = new LogWitness(signer, [.. r.GetRequiredValue(logs).Select(LedgerKeyCommand.Text)], r.GetValue(state) ?? Path.Combine(data, "witness-state.json"));
            }
            catch (FormatException e)
            {
                throw new UsageException(e.Message);
            }

            using var owned = witness;
            var builder = Serving.WebHosts.CreateBuilder();
            builder.WebHost.UseUrls(r.GetRequiredValue(urls).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
            await using var app = builder.Build();
            app.MapConsentryWitness(witness);
            try
            {
                await app.StartAsync(cancel);
            }
            catch (IOException e)
            {
                r.InvocationConfiguration.Error.WriteLine($"consentry: cannot listen on {r.GetRequiredValue(urls)}: {e.Message} Fix: choose another address with --urls.");
                return ExitCodes.Failed;
            }

            var o = r.InvocationConfiguration.Output;
            o.WriteLine($"Witness {witness.WitnessKey}");
            o.WriteLine($"on {string.Join(", ", app.Urls.Select(u => u + "/add-checkpoint"))}, watching {string.Join(", ", witness.Logs)}. Press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(cancel);
            return ExitCodes.Ok;
        });
        return command;
    }
}
