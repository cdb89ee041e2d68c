using System.Text;
using Consentry.Manifests;
using Consentry.Text;

namespace Consentry.Revisions;

/// <summary>
/// Decides whether a text change is wording only: equal after folding case, spacing and punctuation,
/// or a spelling-sized edit (a few characters) that adds or drops no negation.
/// </summary>
internal static class TextComparison
{
    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "no", "not", "never", "without", "none", "nor", "dont", "doesnt", "cannot", "wont",
        "nicht", "kein", "keine", "keinen", "nie", "niemals", "ohne",
        "ne", "pas", "jamais", "sans", "aucun", "aucune",
    };

    public static bool Same(LocalizedText? a, LocalizedText? b) =>
        a is null ? b is null : b is not null && a.Translations.Count == b.Translations.Count &&
        a.Translations.All(kv => b.Translations.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>True when the change from <paramref name="a"/> to <paramref name="b"/> is only wording.</summary>
    public static bool IsWordingOnly(LocalizedText? a, LocalizedText? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        var lang = b.DefaultLanguage;
        return IsWordingOnly(a.Get(lang), b.Get(lang));
    }

    public static bool IsWordingOnly(string a, string b)
    {
        var na = Fold(a);
        var nb = Fold(b);
        if (na == nb)
        {
            return true;
        }

        var negA = na.Split(' ').Count(Negations.Contains);
        var negB = nb.Split(' ').Count(Negations.Contains);
        return negA == negB && EditDistance.Between(na, nb) <= Math.Max(2, Math.Min(na.Length, nb.Length) / 25);
    }

    private static string Fold(string s)
    {
        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var ch in s.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(ch))
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(char.ToLowerInvariant(ch));
                space = false;
            }
            else if (char.IsWhiteSpace(ch) || ch is '-' or '—' or '–' or '/')
            {
                space = true;
            }
        }

        return sb.ToString();
    }
}
