using System.CommandLine;
using Consentry.Scanner.Catalogue;

namespace Consentry.Cli.Commands;

/// <summary>
/// <c>consentry cookiedb</c>: downloads or imports the Open Cookie Database (Apache-2.0) into the data folder,
/// where <c>consentry scan</c> finds it (<see cref="CookieDatabaseCache"/>). Consentry never ships the database itself.
/// </summary>
internal static class CookieDbCommand
{
    public static Command Create()
    {
        var from = new Option<string?>("--from") { Description = $"A file or an http(s) address to take the CSV from. Default: {OpenCookieDatabase.DefaultUrl}" };
        var update = new Command("update", "Download (or import with --from) the Open Cookie Database CSV, check it, and cache it in the data folder ($CONSENTRY_DATA, else ~/.local/share/consentry) for 'consentry scan'. A file that is not the database leaves the cache as it was.")
        {
            from,
        };
        update.SetAction(async (r, cancel) =>
        {
            var source = r.GetValue(from) ?? OpenCookieDatabase.DefaultUrl;
            try
            {
                var info = await CookieDatabaseCache.UpdateAsync(source, cancel);
                r.InvocationConfiguration.Output.WriteLine($"Open Cookie Database: {info.Entries} entries ({info.Skipped} rows skipped) from {source}");
                r.InvocationConfiguration.Output.WriteLine($"cached at {CookieDatabaseCache.CsvPath}; 'consentry scan' uses it from now on.");
                return ExitCodes.Ok;
            }
            catch (FormatException e)
            {
                r.InvocationConfiguration.Error.WriteLine($"consentry: {e.Message} The cache was left as it was.");
                return ExitCodes.Failed;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or UnauthorizedAccessException)
            {
                r.InvocationConfiguration.Error.WriteLine($"consentry: could not get the Open Cookie Database from {source}: {e.Message} The cache was left as it was; try again, or import a downloaded copy with --from FILE.");
                return ExitCodes.Failed;
            }
        });

        var status = new Command("status", "Say whether the Open Cookie Database is cached, where, from where, when and how many entries it holds.");
        status.SetAction(r =>
        {
            var o = r.InvocationConfiguration.Output;
            if (CookieDatabaseCache.Installed is null)
            {
                o.WriteLine($"No Open Cookie Database cached (looked for {CookieDatabaseCache.CsvPath}). Run 'consentry cookiedb update'; until then 'consentry scan' uses Consentry's own table only.");
                return ExitCodes.Failed;
            }

            o.WriteLine($"cached at {CookieDatabaseCache.CsvPath}");
            if (CookieDatabaseCache.Status() is { } info)
            {
                o.WriteLine($"from {info.Source}, {info.FetchedAt:yyyy-MM-dd HH:mm} UTC, {info.Entries} entries, sha256 {info.Sha256}");
            }

            return ExitCodes.Ok;
        });

        return new Command("cookiedb", "Manage the cached Open Cookie Database (Apache-2.0) that 'consentry scan' uses beside Consentry's own known-cookie table.")
        {
            update, status,
        };
    }
}
