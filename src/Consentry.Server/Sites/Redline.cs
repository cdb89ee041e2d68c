using System.Text;
using System.Text.RegularExpressions;

namespace Consentry.Server.Sites;

/// <summary>
/// The difference between two policy texts as a redline: lines compared first (longest common subsequence),
/// then the words of each changed run, so a reworded sentence shows the words that moved, not two paragraphs.
/// </summary>
internal static partial class Redline
{
    public const string Same = "same";
    public const string Deleted = "deleted";
    public const string Inserted = "inserted";

    /// <summary>The largest alignment table built (4 million cells, 16 MB).</summary>
    private const long MaxCells = 4_000_000;

    public static IReadOnlyList<RedlineSegment> Compare(string before, string after)
    {
        var segments = new List<RedlineSegment>();
        var a = before.ReplaceLineEndings("\n").Split('\n');
        var b = after.ReplaceLineEndings("\n").Split('\n');
        var removed = new List<string>();
        var added = new List<string>();
        foreach (var (kind, line) in Diff(a, b))
        {
            if (kind == Same)
            {
                Flush(segments, removed, added);
                Add(segments, Same, line + "\n");
            }
            else
            {
                (kind == Deleted ? removed : added).Add(line);
            }
        }

        Flush(segments, removed, added);
        return segments;
    }

    /// <summary>A changed run of lines, compared word by word.</summary>
    private static void Flush(List<RedlineSegment> segments, List<string> removed, List<string> added)
    {
        if (removed.Count == 0 && added.Count == 0)
        {
            return;
        }

        var words = Diff(Words(string.Join("\n", removed) + "\n"), Words(string.Join("\n", added) + "\n"));
        foreach (var (kind, word) in words)
        {
            Add(segments, kind, word);
        }

        removed.Clear();
        added.Clear();
    }

    private static void Add(List<RedlineSegment> segments, string kind, string text)
    {
        if (segments.Count > 0 && segments[^1].Kind == kind)
        {
            segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
        }
        else
        {
            segments.Add(new RedlineSegment(kind, text));
        }
    }

    /// <summary>Words with the space after them, so joining them gives the text back.</summary>
    private static string[] Words(string text) => [.. WordPattern().Matches(text).Select(m => m.Value)];

    /// <summary>The edit script from <paramref name="a"/> to <paramref name="b"/> by longest common subsequence (inputs are a policy's lines, or one changed run's words).</summary>
    private static List<(string Kind, string Item)> Diff(string[] a, string[] b)
    {
        if ((long)a.Length * b.Length > MaxCells)
        {
            // Too large to align within bounded memory: shown as replaced wholesale.
            return [.. a.Select(x => (Deleted, x)), .. b.Select(x => (Inserted, x))];
        }

        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var script = new List<(string, string)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                script.Add((Same, a[x++]));
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                script.Add((Deleted, a[x++])); // a redline strikes the old words before it shows the new
            }
            else
            {
                script.Add((Inserted, b[y++]));
            }
        }

        return script;
    }

    /// <summary>The whole text of a redline side: what it read before (<c>same</c> and <c>deleted</c>) or after (<c>same</c> and <c>inserted</c>).</summary>
    public static string Side(IEnumerable<RedlineSegment> segments, bool after)
    {
        var text = new StringBuilder();
        foreach (var s in segments.Where(s => s.Kind == Same || s.Kind == (after ? Inserted : Deleted)))
        {
            text.Append(s.Text);
        }

        return text.ToString();
    }

    [GeneratedRegex(@"\S+\s*|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
