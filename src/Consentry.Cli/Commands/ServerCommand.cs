using System.CommandLine;
using Consentry.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Consentry.Cli.Commands;

/// <summary><c>consentry server</c>: the organisation's Consentry (sites' public endpoints, admin UI, REST API), and <c>server admin</c> for accounts.</summary>
internal static class ServerCommand
{
    private static readonly Option<string?> Db = new("--db") { Description = "The SQLite database (ledger, sites, accounts, audit trail). Default: ledger.db in $CONSENTRY_DATA (else ~/.local/share/consentry), shared with 'consentry ledger'. Configuration key: Database.", Recursive = true };
    private static readonly Option<string?> Postgres = new("--postgres") { Description = "Keep everything in PostgreSQL instead (a connection string); several server instances may share it. Configuration key: Postgres (env CONSENTRY_POSTGRES).", Recursive = true };

    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, separated by ';'. Default: http://127.0.0.1:5090. Configuration key: Urls." };
        var manifests = new Option<string?>("--manifests") { Description = "A folder with one sub-folder per site holding its cookies.yaml, imported at start and whenever a file changes (the folder name is the site id). Configuration key: Manifests." };
        var rateLimit = new Option<int?>("--rate-limit") { Description = "Receipts one client may post per minute before getting 429. Default: 60. Configuration key: ReceiptsPerMinutePerClient." };
        var trustedProxy = new Option<string[]>("--trusted-proxy") { Description = "A reverse proxy (IP address or CIDR network) whose X-Forwarded-For/-Proto are believed. Repeatable. Configuration key: TrustedProxies." };
        var regionHeaders = new Option<string?>("--region-headers") { Description = "Where a visitor's region comes from, for manifests with 'regions': the headers your CDN sets, as cloudflare, cloudfront, vercel or Country-Header[,Subdivision-Header]. Needs --region-proxy. Default: none (every visitor opt-in). Configuration key: RegionHeaders." };
        var regionProxy = new Option<string[]>("--region-proxy") { Description = "A CDN or proxy (IP address or CIDR network) whose region headers are believed. Repeatable. Configuration key: RegionProxies." };
        var ledgerKey = new Option<string?>("--ledger-key") { Description = "The ledger's checkpoint signing key file ('consentry ledger keygen'). Default: ledger.key beside the SQLite database, created on first start; with PostgreSQL none (give every instance the same key). Configuration keys: LedgerKeyFile, or LedgerKey for the key itself (env CONSENTRY_LEDGERKEY)." };
        var linkSecret = new Option<string?>("--account-link-secret") { Description = "The file holding the secret account ids are kept under (as keyed hashes) for consent that follows a signed-in account (POST /api/v1/sites/<id>/account-links). Default: account-link.secret beside the SQLite database, made on first start; with PostgreSQL none, and linking is off (give every instance the same one). Configuration keys: AccountLinkSecretFile, or AccountLinkSecret for the secret itself (env CONSENTRY_ACCOUNTLINKSECRET, at least 32 bytes)." };
        var command = new Command("server", "Run the Consentry server until Ctrl+C: every site's banner, configuration, policy and receipt endpoints under /sites/<id>/, the admin UI at /admin, the REST API at /api/v1 (reference at /api/v1/docs), /healthz and /readyz. Settings come from appsettings.json in the working folder, then CONSENTRY_* environment variables, then these flags (docs/server.md). Exit code: 0 stopped, 1 cannot start, 2 usage error.")
        {
            urls, Db, Postgres, manifests, rateLimit, trustedProxy, regionHeaders, regionProxy, ledgerKey, linkSecret,
        };
        command.Add(Admin());
        command.SetAction(async (r, cancel) =>
        {
            var flags = new Dictionary<string, string?>
            {
                [nameof(ServerOptions.Urls)] = r.GetValue(urls),
                [nameof(ServerOptions.Manifests)] = r.GetValue(manifests),
                [nameof(ServerOptions.ReceiptsPerMinutePerClient)] = r.GetValue(rateLimit)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [nameof(ServerOptions.LedgerKeyFile)] = r.GetValue(ledgerKey),
                [nameof(ServerOptions.AccountLinkSecretFile)] = r.GetValue(linkSecret),
                [nameof(ServerOptions.RegionHeaders)] = r.GetValue(regionHeaders),
            };
            AddList(flags, nameof(ServerOptions.TrustedProxies), r.GetValue(trustedProxy));
            AddList(flags, nameof(ServerOptions.RegionProxies), r.GetValue(regionProxy));

            var options = Load(r, flags);
            var output = r.InvocationConfiguration.Output;
            try
            {
                await using var app = ConsentryServer.Build(options);
                await app.StartAsync(cancel);
                foreach (var address in app.Urls)
                {
                    output.WriteLine($"Consentry server on {address}/ — admin UI {address}/admin, API {address}/api/v1/docs; database {ConsentryServer.DatabaseName(options)}.");
                }

                output.WriteLine("Press Ctrl+C to stop.");
                await app.WaitForShutdownAsync(cancel);
                return ExitCodes.Ok;
            }
            catch (IOException e) when (e.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
            {
                r.InvocationConfiguration.Error.WriteLine($"consentry: cannot listen on {options.Urls}: {e.Message} Fix: choose another address with --urls.");
                return ExitCodes.Failed;
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException e)
            {
                r.InvocationConfiguration.Error.WriteLine($"consentry: {e.Message}");
                return ExitCodes.Usage;
            }
            catch (Exception e) when (e is Consentry.Ledger.Stores.LedgerUnavailableException or System.Data.Common.DbException)
            {
                r.InvocationConfiguration.Error.WriteLine($"consentry: the server's database cannot be used: {e.Message.ReplaceLineEndings(" ")} Fix: check --db or --postgres (CONSENTRY_POSTGRES) and that the database is running.");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    /// <summary>A repeatable flag as configuration keys <c>Name:0</c>, <c>Name:1</c>, …</summary>
    private static void AddList(Dictionary<string, string?> flags, string name, string[]? values)
    {
        for (var i = 0; i < (values ?? []).Length; i++)
        {
            flags[$"{name}:{i}"] = values![i];
        }
    }

    private static Command Admin()
    {
        var email = new Option<string>("--email") { Description = "The account's e-mail (its sign-in name).", Required = true };
        var role = new Option<string>("--role") { Description = "admin (sites, accounts, keys) or auditor (records, statistics, exports, audit trail).", DefaultValueFactory = _ => Consentry.Server.Accounts.Roles.Admin };
        role.AcceptOnlyFromAmong([.. Consentry.Server.Accounts.Roles.All]);
        var stdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input (at least 12 characters). Default: generate one and print it once." };
        var add = new Command("add", "Create an account (the first admin is made this way: the server has no default credentials). Prints a generated password once unless --password-stdin. Exit code: 0 created, 1 refused, 2 usage error.") { email, role, stdin };
        add.SetAction(Guarded(async (r, cancel) =>
        {
            var (password, problem) = await ConsentryServer.AddAccountAsync(Load(r, []), r.GetRequiredValue(email), r.GetRequiredValue(role), ReadPassword(r.GetValue(stdin)), cancel);
            return Report(r, password, problem, r.GetValue(stdin), $"Account {r.GetRequiredValue(email)} ({r.GetRequiredValue(role)}) created.");
        }));
        var resetEmail = new Option<string>("--email") { Description = "The account's e-mail.", Required = true };
        var resetStdin = new Option<bool>("--password-stdin") { Description = "Read the new password from standard input. Default: generate one and print it once." };
        var reset = new Command("password", "Set a new password for an account and unlock it. Prints a generated password once unless --password-stdin. Exit code: 0 done, 1 refused, 2 usage error.") { resetEmail, resetStdin };
        reset.SetAction(Guarded(async (r, cancel) =>
        {
            var (password, problem) = await ConsentryServer.ResetPasswordAsync(Load(r, []), r.GetRequiredValue(resetEmail), ReadPassword(r.GetValue(resetStdin)), cancel);
            return Report(r, password, problem, r.GetValue(resetStdin), $"Password of {r.GetRequiredValue(resetEmail)} set; the account is unlocked.");
        }));
        return new Command("admin", "Manage the server's accounts from its machine.") { add, reset };
    }

    /// <summary>A database that cannot be reached or read is one clear line and exit 1, never a stack trace.</summary>
    private static Func<ParseResult, CancellationToken, Task<int>> Guarded(Func<ParseResult, CancellationToken, Task<int>> action) => async (r, cancel) =>
    {
        try
        {
            return await action(r, cancel);
        }
        catch (Exception e) when (e is Consentry.Ledger.Stores.LedgerUnavailableException or System.Data.Common.DbException or InvalidOperationException)
        {
            r.InvocationConfiguration.Error.WriteLine($"consentry: the server's database cannot be used: {e.Message.ReplaceLineEndings(" ")} Fix: check --db or --postgres (CONSENTRY_POSTGRES) and that the database is running.");
            return ExitCodes.Failed;
        }
    };

    private static ServerOptions Load(ParseResult r, Dictionary<string, string?> flags)
    {
        flags[nameof(ServerOptions.Database)] = r.GetValue(Db);
        flags[nameof(ServerOptions.Postgres)] = r.GetValue(Postgres);
        return ConsentryServer.LoadOptions(flags.Where(kv => kv.Value is not null));
    }

    private static string? ReadPassword(bool fromStdin) => fromStdin ? Console.In.ReadLine() ?? "" : null;

    private static int Report(ParseResult r, string? password, string? problem, bool fromStdin, string done)
    {
        if (problem is not null)
        {
            r.InvocationConfiguration.Error.WriteLine($"consentry: {problem}");
            return ExitCodes.Failed;
        }

        var output = r.InvocationConfiguration.Output;
        output.WriteLine(done);
        if (!fromStdin)
        {
            output.WriteLine($"One-time password (shown only now): {password}");
        }

        return ExitCodes.Ok;
    }
}
