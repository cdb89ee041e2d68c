using System.Globalization;

/// <summary>
/// The peak proportional set size (PSS, from /proc/PID/smaps_rollup) summed over every Chromium process this
/// process started, sampled every 250 ms while it runs: one browser's share of shared pages counted once.
/// </summary>
internal sealed class ChromiumMemory : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public ChromiumMemory() => _sampling = SampleAsync(_stop.Token);

    /// <summary>The highest sum seen, in MiB.</summary>
    public double PeakMiB { get; private set; }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            PeakMiB = Math.Max(PeakMiB, NowKiB() / 1024.0);
            try
            {
                await Task.Delay(250, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>PSS now, in KiB, of this process's Chromium descendants.</summary>
    private static long NowKiB()
    {
        var children = new Dictionary<int, List<int>>();
        var names = new Dictionary<int, string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || Read(Path.Combine(dir, "stat")) is not { } stat)
            {
                continue;
            }

            // "pid (comm) state ppid …": the name may hold spaces and parentheses; the fields after the last ')' do not.
            var close = stat.LastIndexOf(')');
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var fields = stat[(close + 2)..].Split(' ');
            if (open < 0 || close < open || fields.Length < 2 || !int.TryParse(fields[1], out var parent))
            {
                continue;
            }

            names[pid] = stat[(open + 1)..close];
            (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(pid);
        }

        long total = 0;
        var queue = new Queue<int>([Environment.ProcessId]);
        while (queue.TryDequeue(out var pid))
        {
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                queue.Enqueue(child);
                if (names[child].Contains("chrom", StringComparison.OrdinalIgnoreCase))
                {
                    total += Pss(child);
                }
            }
        }

        return total;
    }

    private static long Pss(int pid)
    {
        foreach (var line in (Read($"/proc/{pid}/smaps_rollup") ?? "").Split('\n'))
        {
            if (line.StartsWith("Pss:", StringComparison.Ordinal))
            {
                return long.Parse(line[4..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
