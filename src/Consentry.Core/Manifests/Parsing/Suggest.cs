using Consentry.Text;

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
            var d = EditDistance.Between(input.ToLowerInvariant(), c.ToLowerInvariant());
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
}
