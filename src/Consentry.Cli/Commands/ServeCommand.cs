using Consentry.AspNetCore;
using System.CommandLine;
using Consentry.Cli.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Consentry.Cli.Commands;

/// <summary><c>consentry serve</c>: hosts banner, configuration and policy for sites on any stack, or the demo.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var sites = new Option<string?>("--sites") { Description = "A folder with one sub-folder per site, each holding a cookies.yaml; site <name> is served under /sites/<name>/ (banner.js, config.json, policy, policy.json)." };
        var demo = new Option<bool>("--demo") { Description = "Serve the four reference sites, each on its own http://<site>.localhost:<port>/ origin, behind an index page at /." };
        var drift = new Option<bool>("--drift") { Description = "With --demo: ClaimCMR's pages also set an undeclared 90-day 'promo_ref' cookie before any choice, as a site that drifted from its manifest does (try 'consentry scan … --baseline' before and after). The demo's index page switches it on and off at run time." };
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, separated by ';' (as for any ASP.NET Core app).", DefaultValueFactory = _ => SiteServer.DefaultUrls };
        var ledger = new Option<string?>("--ledger") { Description = "The SQLite ledger file receipts are written to. Default: ledger.db in $CONSENTRY_DATA (else ~/.local/share/consentry), shared with 'consentry ledger'." };
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL connection string (e.g. 'Host=db;Database=consentry;Username=consentry'); receipts go there instead of the SQLite file, and several serve instances may share it. Default: $CONSENTRY_POSTGRES." };
        var signingKey = new Option<string?>("--ledger-key") { Description = "The ledger's checkpoint signing key file ('consentry ledger keygen'). Default: $CONSENTRY_LEDGER_KEY (the key itself), else ledger.key beside the SQLite ledger, created on first start; with --postgres, no signing unless given." };
        var consentCsp = new Option<ConsentCspMode>("--consent-csp") { Description = "A consent-aware Content-Security-Policy on the pages served here (the demo's): off, reportonly or enforce. Any site can ask GET /sites/<id>/csp with the visitor's cookies for the policy to send.", DefaultValueFactory = _ => ConsentCspMode.Off };
        var rateLimit = new Option<int>("--rate-limit") { Description = "Receipts one client (by IP address, never stored) may post per minute before getting 429.", DefaultValueFactory = _ => 60 };
        var trustedProxy = new Option<string[]>("--trusted-proxy")
        {
            Description = "A reverse proxy (IP address or CIDR network, e.g. 10.0.0.0/8) whose X-Forwarded-For and X-Forwarded-Proto are believed, so each visitor behind it gets their own receipt rate limit. Repeatable. Default: none; the headers are ignored.",
            AllowMultipleArgumentsPerToken = false,
        };
        var regionHeaders = new Option<string?>("--region-headers") { Description = "Where a visitor's region comes from, for manifests with 'regions': the headers your CDN sets, as cloudflare, cloudfront, vercel or Country-Header[,Subdivision-Header]. Needs --region-proxy. Default: none (every visitor gets opt-in)." };
        var regionProxy = new Option<string[]>("--region-proxy") { Description = "A CDN or proxy (IP address or CIDR network) whose region headers are believed. Repeatable.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("serve", "Serve the consent banner, its configuration and the cookie policy from manifests, until Ctrl+C. Exit code: 0 stopped, 1 a manifest has errors or the address is taken, 2 usage error.")
        {
            sites,
            demo,
            urls,
            ledger,
            rateLimit,
            postgres,
            trustedProxy,
            drift,
            signingKey,
            consentCsp,
            regionHeaders,
            regionProxy,
        };
        command.Validators.Add(r =>
        {
            if ((r.GetValue(sites) is null) == !r.GetValue(demo))
            {
                r.AddError("Give either --sites DIR or --demo.");
            }

            if (r.GetValue(drift) && !r.GetValue(demo))
            {
                r.AddError("--drift goes with --demo.");
            }

            if ((r.GetValue(regionHeaders) is null) != ((r.GetValue(regionProxy) ?? []).Length == 0))
            {
                r.AddError("--region-headers and --region-proxy go together: the headers are believed only from the proxies named (else a visitor could choose their own region).");
            }
        });
        command.SetAction(async (result, cancel) =>
        {
            var output = result.InvocationConfiguration.Output;
            var dir = result.GetValue(sites);
            if (dir is not null && !Directory.Exists(dir))
            {
                throw new UsageException($"--sites '{dir}' is not a folder.");
            }

            try
            {
                var settings = new SiteServer.Settings(result.GetValue(ledger), result.GetValue(rateLimit), result.GetValue(postgres) ?? NullIfEmpty(Environment.GetEnvironmentVariable("CONSENTRY_POSTGRES")),
                    [.. (result.GetValue(trustedProxy) ?? []).Select(t => Network(t, "--trusted-proxy"))], result.GetValue(drift), result.GetValue(signingKey), result.GetValue(consentCsp))
                {
                    RegionHeaders = result.GetValue(regionHeaders) is { } headers ? Headers(headers) : null,
                    RegionProxies = [.. (result.GetValue(regionProxy) ?? []).Select(t => Network(t, "--region-proxy"))],
                };
                await using var app = dir is null ? SiteServer.Demo(result.GetRequiredValue(urls), output, settings) : SiteServer.Sites(dir, result.GetRequiredValue(urls), output, settings);
                await app.StartAsync(cancel);
                await app.WaitForShutdownAsync(cancel);
                return ExitCodes.Ok;
            }
            catch (Consentry.Manifests.ManifestException e)
            {
                result.InvocationConfiguration.Error.WriteLine(e.Message);
                return ExitCodes.Failed;
            }
            catch (IOException e) when (e.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
            {
                result.InvocationConfiguration.Error.WriteLine($"consentry: cannot listen on {result.GetRequiredValue(urls)}: {e.Message} Fix: choose another address with --urls.");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static System.Net.IPNetwork Network(string text, string flag)
    {
        try
        {
            return Consentry.AspNetCore.TrustedProxies.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException(flag + " " + e.Message);
        }
    }

    private static RegionHeaders Headers(string text)
    {
        try
        {
            return RegionHeaders.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException("--region-headers " + e.Message);
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
