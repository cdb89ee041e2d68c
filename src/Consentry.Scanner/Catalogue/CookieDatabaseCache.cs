using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace Consentry.Scanner.Catalogue;

/// <summary>
/// The Open Cookie Database (Apache-2.0) cached in the data folder (<see cref="DataFolder"/>), where scans find
/// it. Consentry never ships the database: it is downloaded, or imported from a file, at run time, checked, and
/// only then replaces the cache; a file that is not the database leaves the cache as it was.
/// </summary>
public static class CookieDatabaseCache
{
    /// <summary>A sane upper bound: today's file is about 0.6 MB.</summary>
    public const long MaxBytes = 50L * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true };

    /// <summary>The cached database, whether or not it exists yet.</summary>
    public static string CsvPath => Path.Combine(DataFolder.Path(), OpenCookieDatabase.CacheFileName);

    /// <summary>The cached database when there is one; null otherwise.</summary>
    public static string? Installed => File.Exists(CsvPath) ? CsvPath : null;

    private static string InfoPath => Path.ChangeExtension(CsvPath, ".json");

    /// <summary>What the cache holds, or null when nothing is cached (or nothing is known of it).</summary>
    public static CookieDatabaseCacheInfo? Status() =>
        File.Exists(CsvPath) && File.Exists(InfoPath) ? JsonSerializer.Deserialize<CookieDatabaseCacheInfo>(File.ReadAllText(InfoPath), Json) : null;

    /// <summary>
    /// Fetches <paramref name="source"/> (an http(s) address or a file; default <see cref="OpenCookieDatabase.DefaultUrl"/>),
    /// checks it is the database, and caches it.
    /// </summary>
    /// <exception cref="FormatException">It is not the database; the cache is as it was.</exception>
    /// <exception cref="IOException">It could not be read or is too large; the cache is as it was.</exception>
    /// <exception cref="HttpRequestException">The download failed; the cache is as it was.</exception>
    public static async Task<CookieDatabaseCacheInfo> UpdateAsync(string? source = null, CancellationToken cancellationToken = default)
    {
        source ??= OpenCookieDatabase.DefaultUrl;
        var temp = CsvPath + ".download";
        Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
        try
        {
            await FetchAsync(source, temp, cancellationToken);
            OpenCookieDatabase.Contents contents;
            using (var reader = new StreamReader(temp))
            {
                contents = OpenCookieDatabase.Parse(reader, source);
            }

            var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(temp, cancellationToken)));
            File.Move(temp, CsvPath, overwrite: true);
            var info = new CookieDatabaseCacheInfo(source, DateTimeOffset.UtcNow, contents.Entries.Count, contents.Skipped, sha);
            await File.WriteAllTextAsync(InfoPath, JsonSerializer.Serialize(info, Json) + "\n", cancellationToken);
            return info;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task FetchAsync(string source, string target, CancellationToken cancellationToken)
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
        using var response = await http.GetAsync(source, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"it answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        if (response.Content.Headers.ContentLength > MaxBytes)
        {
            throw new IOException($"the file is larger than {MaxBytes / 1024 / 1024} MB.");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var file = File.Create(target);
        var buffer = new byte[81920];
        long total = 0;
        int n;
        while ((n = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += n;
            if (total > MaxBytes)
            {
                throw new IOException($"the download is larger than {MaxBytes / 1024 / 1024} MB.");
            }

            await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
        }
    }
}
