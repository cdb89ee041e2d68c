using System.Text;
using System.Text.RegularExpressions;

namespace Consentry.Policy.Rendering;

/// <summary>Writes a policy as CommonMark with pipe tables; manifest text is escaped so it cannot inject markup.</summary>
internal static partial class MarkdownPolicyWriter
{
    public static string Write(PolicyDocument d)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(Escape(d.Title)).Append("\n\n");
        sb.Append('*');
        if (d.LastUpdated is not null)
        {
            sb.Append(Escape(d.LastUpdatedLabel)).Append(": ").Append(Escape(d.LastUpdated)).Append(" · ");
        }

        sb.Append(Escape(d.RevisionLabel)).Append("*\n\n").Append(Runs(d.Intro)).Append("\n\n");
        var number = 0;
        foreach (var s in d.Sections)
        {
            number++;
            sb.Append("## ").Append(number).Append(". ").Append(Escape(s.Heading)).Append("\n\n");
            foreach (var b in s.Blocks)
            {
                switch (b)
                {
                    case Paragraph p:
                        sb.Append(Runs(p.Runs)).Append("\n\n");
                        break;
                    case SubHeading h:
                        sb.Append("### ").Append(Escape(h.Text)).Append("\n\n");
                        break;
                    case BulletList l:
                        foreach (var item in l.Items)
                        {
                            sb.Append("- ").Append(Runs(item)).Append('\n');
                        }

                        sb.Append('\n');
                        break;
                    case Table t:
                        sb.Append("| ").Append(string.Join(" | ", t.Headers.Select(Cell))).Append(" |\n");
                        sb.Append('|').Append(string.Concat(t.Headers.Select(_ => "---|"))).Append('\n');
                        foreach (var row in t.Rows)
                        {
                            sb.Append("| ").Append(string.Join(" | ", row.Select(c => Runs(c).Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");
                        }

                        sb.Append('\n');
                        break;
                }
            }
        }

        return sb.ToString().TrimEnd() + "\n";
    }

    private static string Cell(string s) => Escape(s).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Runs(IReadOnlyList<Inline> runs)
    {
        var sb = new StringBuilder();
        foreach (var r in runs)
        {
            if (r.Href is not null)
            {
                sb.Append('[').Append(Escape(r.Text)).Append("](<").Append(r.Href.Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)).Append(">)");
            }
            else if (r.Code)
            {
                sb.Append(r.Text.Contains('`', StringComparison.Ordinal) ? $"`` {r.Text} ``" : $"`{r.Text}`");
            }
            else
            {
                sb.Append(Escape(r.Text));
            }
        }

        return sb.ToString().Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
    }

    /// <summary>Backslash-escapes every ASCII punctuation character CommonMark could read as markup.</summary>
    internal static string Escape(string s) => Special().Replace(s, @"\$0");

    [GeneratedRegex(@"[\\`*_{}\[\]<>()#+!|~&]")]
    private static partial Regex Special();
}
