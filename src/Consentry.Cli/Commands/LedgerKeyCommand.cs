using System.CommandLine;
using Consentry.Ledger.Stores;
using Consentry.Ledger.Transparency;

namespace Consentry.Cli.Commands;

/// <summary><c>consentry ledger keygen</c>, and the verifier keys <c>verify</c> and <c>show</c> take.</summary>
internal static class LedgerKeyCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "The key's name, a host-like name without spaces or '+' (e.g. ledger.acme.example); each site's log is named <name>/<site>.", Required = true };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the key. Default: ledger.key in the data folder ($CONSENTRY_DATA, else ~/.local/share/consentry), where 'consentry serve' and 'consentry server' look for it." };
        var force = new Option<bool>("--force") { Description = "Replace an existing key file (checkpoints signed with the old key then no longer match the published key)." };
        var sites = new Option<string[]>("--site") { Description = "Print the log key of this site too (repeatable)." };
        var command = new Command("keygen", "Make the Ed25519 key the ledger signs its checkpoints with (C2SP signed-note form), readable by you only. Exit code: 0 written, 1 cannot write, 2 usage error.") { name, output, force, sites };
        command.SetAction(r =>
        {
            var path = Path.GetFullPath(r.GetValue(output) ?? LedgerPaths.DefaultSigningKey(LedgerPaths.DefaultDatabase()));
            if (File.Exists(path) && !r.GetValue(force))
            {
                throw new UsageException($"'{path}' already holds a key; every checkpoint signed with it depends on it. Fix: choose another --output, or add --force to replace it.");
            }

            ICheckpointSigner signer;
            try
            {
                File.Delete(path);
                signer = LogKeys.LoadOrCreateFile(path, r.GetRequiredValue(name)).Signer;
            }
            catch (FormatException e)
            {
                throw new UsageException(e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                r.InvocationConfiguration.Error.WriteLine($"consentry: cannot write '{path}': {e.Message}");
                return ExitCodes.Failed;
            }

            var o = r.InvocationConfiguration.Output;
            o.WriteLine($"Wrote the ledger signing key to {path} (readable by you only). Keep it secret and backed up: every signed checkpoint depends on it.");
            foreach (var site in r.GetValue(sites) ?? [])
            {
                o.WriteLine($"log key of {site}: {LogKeys.VerifierKey(LogKeys.Origin(signer, site), signer.PublicKey.Span)}");
            }

            o.WriteLine("Each site's log key is also published at /log/key under its endpoints and in its config.json ('logKey').");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A key given on the command line: the key itself, or a file holding it.</summary>
    public static string Text(string given) => File.Exists(given) ? File.ReadAllText(given).Trim() : given.Trim();

    /// <summary>The verifier keys given with <c>--key</c> (each a key, or a file holding one), by the site their log names.</summary>
    public static Func<string, string?> Keys(IEnumerable<string> given)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in given)
        {
            var key = Text(g);
            var name = key.Split('+', 2)[0];
            if (key.Split('+').Length < 3 || !name.Contains('/', StringComparison.Ordinal))
            {
                throw new UsageException($"'{g}' is not a log key (<name>/<site>+<hash>+<key>, as a site's /log/key or config.json 'logKey' gives it).");
            }

            keys[name[(name.LastIndexOf('/') + 1)..]] = key;
        }

        return site => keys.GetValueOrDefault(site);
    }
}
