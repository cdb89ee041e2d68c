using System.CommandLine;
using System.Globalization;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Export;
using Consentry.Ledger.Stores;

namespace Consentry.Cli.Commands;

/// <summary><c>consentry ledger</c>: verify, look up, export and purge the proof-of-consent ledger.</summary>
internal static class LedgerCommand
{
    public static Command Create()
    {
        var command = new Command("ledger", "Verify, look up, export and purge consent receipts, and count choices. Every subcommand reads the ledger 'consentry serve' writes: --db, else ledger.db in $CONSENTRY_DATA (else ~/.local/share/consentry).");
        command.Add(Verify());
        command.Add(Show());
        command.Add(Export());
        command.Add(Purge());
        command.Add(Migrate());
        command.Add(LedgerKeyCommand.Create());
        command.Add(LedgerWitnessCommand.Create());
        command.Add(LedgerPublishCommand.Create());
        command.Add(LedgerStatsCommand.Create());
        command.Add(Postgres);
        return command;
    }

    private static readonly Option<string?> Postgres = new("--postgres")
    {
        Description = "Read the PostgreSQL ledger with this connection string instead of the SQLite file. Default: $CONSENTRY_POSTGRES.",
        Recursive = true,
    };

    internal static Option<string?> Db() => new("--db") { Description = "The SQLite ledger file. Default: ledger.db in the data folder ($CONSENTRY_DATA, else ~/.local/share/consentry)." };

    /// <summary>Opens the ledger read-only (verify, show, export never migrate or write), or for writing and migrated (purge, migrate).</summary>
    internal static async Task<IReceiptStore> OpenAsync(ParseResult r, string? db, CancellationToken cancel, bool write = false)
    {
        var postgres = r.GetValue(Postgres) ?? Environment.GetEnvironmentVariable("CONSENTRY_POSTGRES");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            if (!write)
            {
                return PostgresReceiptStore.OpenReadOnly(postgres);
            }

            var pg = new PostgresReceiptStore(postgres);
            await pg.MigrateAsync(cancel);
            return pg;
        }

        var path = db ?? LedgerPaths.DefaultDatabase();
        if (!File.Exists(path))
        {
            throw new UsageException($"no ledger at '{path}'. Fix: name it with --db, or set ${LedgerPaths.DataVariable} to the folder 'consentry serve' uses.");
        }

        if (!write)
        {
            return SqliteReceiptStore.OpenReadOnly(path);
        }

        var store = new SqliteReceiptStore(path);
        await store.MigrateAsync(cancel);
        return store;
    }

    /// <summary>A ledger that cannot be read (not a database, tables missing, unreadable entries) is one clear line and exit 1, never a stack trace.</summary>
    internal static Func<ParseResult, CancellationToken, Task<int>> Guarded(Func<ParseResult, CancellationToken, Task<int>> action) => async (r, cancel) =>
    {
        try
        {
            return await action(r, cancel);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or LedgerUnavailableException or InvalidDataException)
        {
            var message = e.Message.ReplaceLineEndings(" ");
            var hint = message.Contains("no such column", StringComparison.OrdinalIgnoreCase) || message.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
                ? " If an older Consentry wrote this ledger, upgrade it once with 'consentry ledger migrate'."
                : "";
            r.InvocationConfiguration.Error.WriteLine($"consentry: the ledger cannot be read: {message}{hint}");
            return ExitCodes.Failed;
        }
    };

    private static Command Verify()
    {
        var db = Db();
        var site = new Option<string?>("--site") { Description = "Verify only this site. Default: every site." };
        var file = new Option<string?>("--file") { Description = "Verify a JSON Lines export, or a visitor's file ('ledger show --site', the server's download), on its own instead of the database." };
        var key = new Option<string[]>("--key") { Description = "A site's log key (or a file holding it), as its /log/key or config.json 'logKey' gives it: signed checkpoints are then checked with it. Repeatable, one per site." };
        var published = new Option<string?>("--published") { Description = "Also check the log against the checkpoints 'consentry ledger publish' wrote to this folder (a log cut back, rewritten or forked after one was published fails)." };
        var command = new Command("verify", "Check every receipt's hash and link, and each site's transparency log (its Merkle tree and signed checkpoints); name each edited, deleted, reordered or inserted entry. Exit code: 0 verified, 1 problems found, 2 usage error.") { db, site, file, key, published };
        command.SetAction(Guarded(async (r, cancel) =>
        {
            var output = r.InvocationConfiguration.Output;
            var keys = LedgerKeyCommand.Keys(r.GetValue(key) ?? []);
            IReadOnlyList<SiteVerification> results;
            if (r.GetValue(file) is { } path)
            {
                if (!File.Exists(path))
                {
                    throw new UsageException($"no export at '{path}'. Fix: name a file 'consentry ledger export' wrote.");
                }

                using var reader = File.OpenText(path);
                try
                {
                    var given = r.GetValue(key) ?? [];
                    if (given.Length > 1)
                    {
                        throw new UsageException("a file holds one site's receipts: give --key once, with that site's log key.");
                    }

                    results = [LedgerExport.VerifyJsonLines(reader, given.Length == 0 ? null : LedgerKeyCommand.Text(given[0]))];
                }
                catch (FormatException e)
                {
                    r.InvocationConfiguration.Error.WriteLine($"consentry: {path}: not a Consentry ledger export: {e.Message}");
                    return ExitCodes.Failed;
                }
            }
            else
            {
                await using var store = await OpenAsync(r, r.GetValue(db), cancel);
                if (r.GetValue(site) is { } only && !(await store.SitesAsync(cancel)).Contains(only, StringComparer.Ordinal))
                {
                    var sites = await store.SitesAsync(cancel);
                    throw new UsageException($"the ledger has no site '{only}'. Sites: {(sites.Count == 0 ? "none yet" : string.Join(", ", sites))}.");
                }

                results = await LedgerVerifier.VerifyAsync(store, r.GetValue(site), keys, cancel);
                if (r.GetValue(published) is { } folder)
                {
                    results = await LedgerPublishCommand.CheckAsync(store, results, folder, keys, cancel);
                }
            }

            foreach (var v in results)
            {
                output.WriteLine(v.Site == LedgerVerifier.WholeLedger ? $"the ledger as a whole: {v.Problems.Count} problem(s)"
                    : v.Verified ? $"{v.Site}: {v.Entries} entries (#{v.FirstSequence} to #{v.LastSequence}): chain verified"
                    : $"{v.Site}: {v.Entries} entries (#{v.FirstSequence} to #{v.LastSequence}): {v.Problems.Count} problem(s)");
                if (v.Checkpoint is { } cp)
                {
                    output.WriteLine($"  {v.Proven} of {v.Entries} receipts proven in the log {cp.Origin} at size {cp.Size}" + (v.SignatureChecked
                        ? ", its checkpoint signed by the given key"
                        : "; the checkpoint's signature was not checked: add --key with the site's log key (its /log/key or config.json 'logKey')"));
                }

                foreach (var p in v.Problems)
                {
                    output.WriteLine("  " + p);
                }
            }

            if (results.Count == 0)
            {
                output.WriteLine("The ledger holds no receipts.");
            }

            return results.All(v => v.Verified) ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }

    private static Command Show()
    {
        var db = Db();
        var id = new Argument<string>("consent-id") { Description = "The consent id from the visitor's consent cookie (32 hex digits)." };
        var site = new Option<string?>("--site") { Description = "Only this site's receipts, as the file a visitor gets: a header with the site's signed checkpoint, and each receipt with its inclusion proof ('consentry ledger verify --file' checks it offline)." };
        var command = new Command("show", "Print every receipt of one consent id, oldest first: what a visitor may ask for. Exit code: 0 found, 1 none, 2 usage error.") { id, db, site };
        command.SetAction(Guarded(async (r, cancel) =>
        {
            await using var store = await OpenAsync(r, r.GetValue(db), cancel);
            var consentId = r.GetRequiredValue(id).Trim().ToLowerInvariant();
            var count = r.GetValue(site) is { } only
                ? await ConsentExport.WriteAsync(store, only, consentId, r.InvocationConfiguration.Output, cancel)
                : await ShowAllAsync(store, consentId, r.InvocationConfiguration.Output, cancel);
            if (count == 0)
            {
                r.InvocationConfiguration.Error.WriteLine($"No receipt has consent id '{r.GetRequiredValue(id)}'.");
                return ExitCodes.Failed;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<int> ShowAllAsync(IReceiptStore store, string consentId, TextWriter output, CancellationToken cancel)
    {
        var entries = await store.FindAsync(consentId, cancel);
        foreach (var e in entries)
        {
            var tree = await store.TreeAsync(e.Site, cancel);
            var leaf = tree is not null && e.Sequence > tree.Base ? $",\"leafIndex\":{tree.LeafIndex(e.Sequence).ToString(CultureInfo.InvariantCulture)}" : "";
            output.WriteLine($"{{\"site\":\"{e.Site}\",\"sequence\":{e.Sequence.ToString(CultureInfo.InvariantCulture)},\"hash\":\"{e.Hash}\"{leaf},\"receipt\":{e.Receipt}}}");
        }

        return entries.Count;
    }

    private static Command Export()
    {
        var db = Db();
        var site = new Option<string>("--site") { Description = "The site to export.", Required = true };
        var from = new Option<string?>("--from") { Description = "First day or instant to include (YYYY-MM-DD or ISO 8601, UTC)." };
        var to = new Option<string?>("--to") { Description = "Day or instant to stop before (YYYY-MM-DD or ISO 8601, UTC)." };
        var format = new Option<string>("--format", "-f") { Description = "jsonl (with the proof to verify it on its own: consentry ledger verify --file) or csv.", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var command = new Command("export", "Export a site's receipts with their hashes. Exit code: 0 written, 1 ledger error, 2 usage error.") { site, from, to, format, output, db };
        command.SetAction(Guarded(async (r, cancel) =>
        {
            await using var store = await OpenAsync(r, r.GetValue(db), cancel);
            var path = r.GetValue(output);
            await using var writer = path is null ? null : new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
            var count = await LedgerExport.WriteAsync(store, r.GetRequiredValue(site), Time(r.GetValue(from), "--from"), Time(r.GetValue(to), "--to"), r.GetValue(format) == "csv", (TextWriter?)writer ?? r.InvocationConfiguration.Output, cancel);
            if (path is not null)
            {
                r.InvocationConfiguration.Output.WriteLine($"Exported {count} receipts to {path}.");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Purge()
    {
        var db = Db();
        var site = new Option<string>("--site") { Description = "The site to purge.", Required = true };
        var before = new Option<string>("--purge-before") { Description = "Delete receipts received before this day or instant (YYYY-MM-DD or ISO 8601, UTC). A checkpoint keeps the rest verifiable.", Required = true };
        var command = new Command("purge", "Retention: delete old receipts of a site, keeping the remaining chain verifiable. Exit code: 0 done, 1 ledger error, 2 usage error.") { site, before, db };
        command.SetAction(Guarded(async (r, cancel) =>
        {
            await using var store = await OpenAsync(r, r.GetValue(db), cancel, write: true);
            var count = await store.PurgeBeforeAsync(r.GetRequiredValue(site), Time(r.GetRequiredValue(before), "--purge-before")!.Value, cancel);
            r.InvocationConfiguration.Output.WriteLine($"Purged {count} receipts of {r.GetRequiredValue(site)}; the rest still verifies from the new checkpoint, which the chain records.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Migrate()
    {
        var db = Db();
        var command = new Command("migrate", "Upgrade the ledger's schema to this version of Consentry ('consentry serve' does it at start-up; verify, show and export only read). Exit code: 0 done, 1 ledger error, 2 usage error.") { db };
        command.SetAction(Guarded(async (r, cancel) =>
        {
            await using var store = await OpenAsync(r, r.GetValue(db), cancel, write: true);
            r.InvocationConfiguration.Output.WriteLine("The ledger's schema is current.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static DateTimeOffset? Time(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw new UsageException($"{option} '{text}' is not a date (YYYY-MM-DD) or ISO 8601 instant.");
    }
}
