using System.Collections.Concurrent;

namespace Consentry.AspNetCore;

/// <summary>
/// A site's consent cookies already read. A visitor sends the same value with every request, and reading it (escapes,
/// JSON, two sets) was the largest part of what enforcement costs a request. What a value means depends only on the
/// value and the site's revision and locked categories, so an entry never goes stale; the states are shared and never
/// changed. Bounded: only values of ordinary length are kept, and the whole cache is dropped when it is full, so a
/// stream of made-up values costs no more than reading each.
/// </summary>
internal sealed class ConsentCookieCache(int revision, IReadOnlyList<string> locked)
{
    private const int Capacity = 4096;
    private const int MaxValueLength = 1024;
    private readonly ConcurrentDictionary<string, ConsentState> _states = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>No choice: the locked categories only.</summary>
    public ConsentState NoChoice { get; } = new() { Categories = new HashSet<string>(locked, StringComparer.Ordinal) };

    /// <summary>What the raw (still escaped) cookie value <paramref name="value"/> grants.</summary>
    public ConsentState Read(ReadOnlySpan<char> value)
    {
        if (_states.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(value, out var known))
        {
            return known;
        }

        var text = value.ToString();
        var state = ConsentCookieReader.Read(text, revision, locked);
        if (text.Length <= MaxValueLength && _states.TryAdd(text, state) && Interlocked.Increment(ref _count) > Capacity)
        {
            _states.Clear();
            Interlocked.Exchange(ref _count, 0);
        }

        return state;
    }
}
