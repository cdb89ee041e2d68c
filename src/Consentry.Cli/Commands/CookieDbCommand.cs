using System.CommandLine;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Consentry.Ledger.Stores;
using Consentry.Scanner.Catalogue;

namespace Consentry.Cli.Commands;

/// <summary>
/// <c>consentry cookiedb</c>: downloads or imports the Open Cookie Database (Apache-2.0) into the data
/// folder, where <c>consentry scan</c> finds it. Consentry never ships the database itself.
/// </summary>
internal static class CookieDbCommand
{
    /// <summary>A sane upper bound: today's file is about 0.6 MB.</summary>
    private const long MaxBytes = 50L * 1024 * 1024;

    /// <summary>The cached database, whether or not it exists yet.</summary>
    public static string CachePath() => Path.Combine(LedgerPaths.DataFolder(), OpenCookieDatabase.CacheFileName);

    private static string InfoPath() => Path.ChangeExtension(CachePath(), ".json");

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
            var temp = CachePath() + ".download";
            Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
            try
            {
                await FetchAsync(source, temp, cancel);
                OpenCookieDatabase.Contents contents;
                using (var reader = new StreamReader(temp))
                {
                    contents = OpenCookieDatabase.Parse(reader, source);
                }

                var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(temp, cancel)));
                File.Move(temp, CachePath(), overwrite: true);
                var info = new CookieDbCacheInfo(source, DateTimeOffset.UtcNow, contents.Entries.Count, contents.Skipped, sha);
                OutputFile.Write(InfoPath(), JsonSerializer.Serialize(info, JsonOptions.Indented) + "\n", TextWriter.Null);
                r.InvocationConfiguration.Output.WriteLine($"Open Cookie Database: {contents.Entries.Count} entries ({contents.Skipped} rows skipped) from {source}");
                r.InvocationConfiguration.Output.WriteLine($"cached at {CachePath()}; 'consentry scan' uses it from now on.");
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
            finally
            {
                File.Delete(temp);
            }
        });

        var status = new Command("status", "Say whether the Open Cookie Database is cached, where, from where, when and how many entries it holds.");
        status.SetAction(r =>
        {
            var o = r.InvocationConfiguration.Output;
            if (!File.Exists(CachePath()))
            {
                o.WriteLine($"No Open Cookie Database cached (looked for {CachePath()}). Run 'consentry cookiedb update'; until then 'consentry scan' uses Consentry's own table only.");
                return ExitCodes.Failed;
            }

            var info = File.Exists(InfoPath()) ? JsonSerializer.Deserialize<CookieDbCacheInfo>(File.ReadAllText(InfoPath()), JsonOptions.Indented) : null;
            o.WriteLine($"cached at {CachePath()}");
            if (info is not null)
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

    private static async Task FetchAsync(string source, string target, CancellationToken cancel)
    {
        if (!source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !source.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!File.Exists(source))
            {
                throw new IOException($"there is no file '{source}'.");
            }

            if (new FileInfo(source).Length > MaxBytes)
            {
                throw new IOException($"the file is larger than {MaxBytes / 1024 / 1024} MB.");
            }

            File.Copy(source, target, overwrite: true);
            return;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("consentry-cookiedb");
        using var response = await http.GetAsync(source, HttpCompletionOption.ResponseHeadersRead, cancel);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"it answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        if (response.Content.Headers.ContentLength > MaxBytes)
        {
            throw new IOException($"the file is larger than {MaxBytes / 1024 / 1024} MB.");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancel);
        await using var file = File.Create(target);
        var buffer = new byte[81920];
        long total = 0;
        int n;
        while ((n = await body.ReadAsync(buffer, cancel)) > 0)
        {
            total += n;
            if (total > MaxBytes)
            {
                throw new IOException($"the download is larger than {MaxBytes / 1024 / 1024} MB.");
            }

            await file.WriteAsync(buffer.AsMemory(0, n), cancel);
        }
    }
}
