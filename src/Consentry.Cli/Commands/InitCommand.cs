using System.CommandLine;
using System.Globalization;
using Consentry.Manifests;

namespace Consentry.Cli.Commands;

/// <summary><c>consentry init</c>: writes a commented starter manifest. Never prompts, so it runs in CI.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "Where to write the manifest.", DefaultValueFactory = _ => "cookies.yaml" };
        var name = new Option<string?>("--name") { Description = "The site or product name. Default: the current folder's name." };
        var domain = new Option<string>("--domain") { Description = "The site's main domain.", DefaultValueFactory = _ => "example.com" };
        var email = new Option<string?>("--email") { Description = "Contact e-mail for cookie questions. Default: privacy@<domain>." };
        var analytics = new Option<string?>("--analytics")
        {
            Description = "Add an analytics provider that waits for consent (turns the banner on): posthog or google-analytics.",
        };
        analytics.AcceptOnlyFromAmong("posthog", "google-analytics");
        var date = new Option<string?>("--date") { Description = "Date of the first history entry, YYYY-MM-DD. Default: today (UTC)." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file." };
        var command = new Command("init", "Write a commented starter manifest. Exit code: 0 written, 1 file exists (use --force), 2 usage error.")
        {
            output, name, domain, email, analytics, date, force,
        };
        command.SetAction(result =>
        {
            var path = result.GetRequiredValue(output);
            if (File.Exists(path) && !result.GetValue(force))
            {
                result.InvocationConfiguration.Error.WriteLine($"consentry: '{path}' already exists; nothing was written. Fix: choose another --output, or add --force to overwrite it.");
                return ExitCodes.Failed;
            }

            var when = DateOnly.FromDateTime(DateTime.UtcNow);
            if (result.GetValue(date) is { } d && !DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out when))
            {
                throw new UsageException($"--date '{d}' is not a date; write YYYY-MM-DD.");
            }

            var site = result.GetValue(name) ?? new DirectoryInfo(Environment.CurrentDirectory).Name;
            var host = result.GetRequiredValue(domain);
            var text = StarterManifest.Write(site, host, result.GetValue(email) ?? $"privacy@{host}", result.GetValue(analytics), when);

            // Never hand the user a manifest that does not validate.
            var check = ManifestLoader.Parse(text, path);
            if (check.HasErrors)
            {
                foreach (var error in check.Diagnostics)
                {
                    result.InvocationConfiguration.Error.WriteLine(error.ToString());
                }

                throw new UsageException("the options above produce an invalid manifest; nothing was written.");
            }

            OutputFile.Write(path, text, result.InvocationConfiguration.Output);
            result.InvocationConfiguration.Output.WriteLine($"Wrote {path}. Next: list every cookie and storage key your site sets, then run 'consentry validate {path}'.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
