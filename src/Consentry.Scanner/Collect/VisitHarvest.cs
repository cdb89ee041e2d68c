using System.Collections.Concurrent;

namespace Consentry.Scanner.Collect;

/// <summary>
/// What one visit has seen so far, bounded: a page that writes 200,000 storage keys or sets cookies in a loop
/// yields at most <see cref="MaxItems"/> of each kind, with a note saying the list was truncated.
/// </summary>
internal sealed class VisitHarvest
{
    /// <summary>The most cookies, storage keys, Set-Cookie lines and third-party hosts one visit reports, each.</summary>
    public const int MaxItems = 1000;

    /// <summary>The most problems one visit reports.</summary>
    public const int MaxNotes = 200;

    private readonly ConcurrentDictionary<string, byte> _thirdParty = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _truncated = new(StringComparer.Ordinal);

    public Dictionary<(string Name, string Domain, string Path), ObservedCookie> Cookies { get; } = [];

    public Dictionary<(string Kind, string Name, string Origin), ObservedStorage> Storage { get; } = [];

    public List<ObservedSetCookie> SetCookies { get; } = [];

    public List<string> Pages { get; } = [];

    private List<string> Notes { get; } = [];

    /// <summary>The problems so far, copied under the lock.</summary>
    public string[] NotesSnapshot()
    {
        lock (_truncated)
        {
            return [.. Notes];
        }
    }

    public void AddThirdPartyHost(string host)
    {
        if (_thirdParty.Count < MaxItems)
        {
            _thirdParty.TryAdd(host, 0);
        }
        else if (!_thirdParty.ContainsKey(host))
        {
            Truncated("hosts of other sites requested");
        }
    }

    public void AddCookie((string, string, string) key, ObservedCookie cookie)
    {
        if (Cookies.ContainsKey(key) || Cookies.Count < MaxItems)
        {
            Cookies[key] = cookie;
        }
        else
        {
            Truncated("cookies");
        }
    }

    public void AddStorage(ObservedStorage item)
    {
        if (Storage.Count < MaxItems)
        {
            Storage.TryAdd((item.Kind, item.Name, item.Origin), item);
        }
        else if (!Storage.ContainsKey((item.Kind, item.Name, item.Origin)))
        {
            Truncated("storage keys");
        }
    }

    public void AddSetCookie(ObservedSetCookie line)
    {
        if (SetCookies.Any(x => x.Url == line.Url && x.Line == line.Line))
        {
            return;
        }

        if (SetCookies.Count < MaxItems)
        {
            SetCookies.Add(line);
        }
        else
        {
            Truncated("Set-Cookie lines");
        }
    }

    /// <summary>Records a problem for the report (thread-safe: popups are handled off the visit's own flow).</summary>
    public void Note(string problem)
    {
        lock (_truncated)
        {
            if (Notes.Count < MaxNotes)
            {
                Notes.Add(problem);
            }
        }
    }

    /// <summary>Records a problem once, however often it happens.</summary>
    public void NoteOnce(string problem)
    {
        bool first;
        lock (_truncated)
        {
            first = _truncated.Add(problem);
        }

        if (first)
        {
            Note(problem);
        }
    }

    /// <summary>Says once per kind that the list was cut.</summary>
    public void Truncated(string what) => NoteOnce($"truncated: more than {MaxItems} {what} in this visit; the first {MaxItems} are reported");

    public IReadOnlyList<string> ThirdPartyHosts => [.. _thirdParty.Keys.Order(StringComparer.Ordinal)];
}
