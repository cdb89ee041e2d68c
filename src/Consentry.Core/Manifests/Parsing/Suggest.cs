namespace Consentry.Manifests.Parsing;

/// <summary>"Did you mean …?" for misspelt keys and values.</summary>
internal static class Suggest
{
    /// <summary>The closest candidate within a small edit distance, or null.</summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Distance(input.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance)
            {
                best = c;
                bestDistance = d;
            }
        }

        return bestDistance <= Math.Max(2, input.Length / 3) ? best : null;
    }

    /// <summary>A sentence offering the closest candidate, then the full list.</summary>
    public static string Hint(string input, IReadOnlyCollection<string> candidates)
    {
        var closest = Closest(input, candidates);
        var list = string.Join(", ", candidates);
        return closest is null ? $"Use one of: {list}." : $"Did you mean '{closest}'? Allowed: {list}.";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
