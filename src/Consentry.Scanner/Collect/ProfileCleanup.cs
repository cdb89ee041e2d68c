using System.Diagnostics;

namespace Consentry.Scanner.Collect;

/// <summary>
/// Removes a visit's temporary Chromium profile, first ending any Chromium process still using it (a browser
/// that did not close in time, or one left behind by a scan stopped with Ctrl+C or SIGTERM).
/// </summary>
internal static class ProfileCleanup
{
    public static async Task RemoveAsync(string profile)
    {
        KillUsers(profile);
        for (var attempt = 0; attempt < 10 && Directory.Exists(profile); attempt++)
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A process that was just ended may still be releasing files.
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Ends the processes started with <c>--user-data-dir=</c><paramref name="profile"/> (Linux: read from /proc).</summary>
    private static void KillUsers(string profile)
    {
        if (!Directory.Exists("/proc"))
        {
            return;
        }

        var marker = "--user-data-dir=" + profile;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (args.Contains(marker, StringComparer.Ordinal))
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone already, or not ours to end.
            }
        }
    }
}
