using Consentry.Scanner;

namespace Consentry.Cli.Commands;

/// <summary>
/// The scan's progress on standard error: on a terminal one line redrawn in place (pages per visit and the
/// latest page); otherwise a plain line per page, which logs and CI keep readable.
/// </summary>
internal sealed class ScanProgressWriter(TextWriter error, bool terminal) : IProgress<ScanProgress>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<VisitKind, int> _done = [];
    private readonly HashSet<VisitKind> _ended = [];
    private int _width;

    public void Report(ScanProgress value)
    {
        lock (_gate)
        {
            _done[value.Visit] = value.PagesDone;
            if (value.Ended)
            {
                _ended.Add(value.Visit);
            }

            if (!terminal)
            {
                error.WriteLine(value.Ended
                    ? $"{Name(value.Visit),-10} ended after {value.PagesDone} page(s): {value.Problem}"
                    : $"{Name(value.Visit),-10} {value.PagesDone,3}/{value.MaxPages} {value.Page}{(value.Problem is null ? "" : "  (" + value.Problem + ")")}");
                return;
            }

            var counts = string.Join(" · ", Enum.GetValues<VisitKind>().Select(k => $"{Name(k)} {_done.GetValueOrDefault(k)}{(_ended.Contains(k) ? " (ended)" : "/" + value.MaxPages)}"));
            var line = $"{counts}  {value.Page}";
            var max = Math.Max(20, (Console.IsErrorRedirected ? 100 : SafeWidth()) - 1);
            line = line.Length > max ? line[..(max - 1)] + "…" : line;
            error.Write("\r" + line.PadRight(_width));
            _width = line.Length;
        }
    }

    /// <summary>Ends the redrawn line so what follows starts on its own.</summary>
    public void Finish()
    {
        if (terminal && _width > 0)
        {
            error.Write("\r" + new string(' ', _width) + "\r");
        }
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 100;
        }
        catch (IOException)
        {
            return 100;
        }
    }

    private static string Name(VisitKind kind) => kind switch { VisitKind.Untouched => "untouched", VisitKind.RejectAll => "reject", _ => "accept" };
}
