using System.Text;

namespace Consentry.Policy.Rendering;

/// <summary>Writes a policy as plain text; tables become one entry per item, which reads better than wide columns.</summary>
internal static class TextPolicyWriter
{
    public static string Write(PolicyDocument d)
    {
        var sb = new StringBuilder();
        sb.Append(d.Title).Append('\n').Append(new string('=', d.Title.Length)).Append("\n\n");
        if (d.LastUpdated is not null)
        {
            sb.Append(d.LastUpdatedLabel).Append(": ").Append(d.LastUpdated).Append('\n');
        }

        sb.Append(d.RevisionLabel).Append("\n\n").Append(Runs(d.Intro)).Append("\n\n");
        var number = 0;
        foreach (var s in d.Sections)
        {
            number++;
            var heading = $"{number}. {s.Heading}";
            sb.Append(heading).Append('\n').Append(new string('-', heading.Length)).Append("\n\n");
            foreach (var b in s.Blocks)
            {
                switch (b)
                {
                    case Paragraph p:
                        sb.Append(Runs(p.Runs)).Append("\n\n");
                        break;
                    case SubHeading h:
                        sb.Append(h.Text).Append("\n\n");
                        break;
                    case BulletList l:
                        foreach (var item in l.Items)
                        {
                            sb.Append("  * ").Append(Runs(item)).Append('\n');
                        }

                        sb.Append('\n');
                        break;
                    case Table t:
                        foreach (var row in t.Rows)
                        {
                            sb.Append("  * ").Append(Runs(row[0])).Append('\n');
                            for (var i = 1; i < row.Count; i++)
                            {
                                var text = Runs(row[i]);
                                if (text.Length > 0)
                                {
                                    sb.Append("      ").Append(t.Headers[i]).Append(": ").Append(text).Append('\n');
                                }
                            }
                        }

                        sb.Append('\n');
                        break;
                }
            }
        }

        return sb.ToString().TrimEnd() + "\n";
    }

    private static string Runs(IReadOnlyList<Inline> runs)
    {
        var sb = new StringBuilder();
        foreach (var r in runs)
        {
            sb.Append(r.Text);
            if (r.Href is not null && r.Href != r.Text && !r.Href.StartsWith("mailto:", StringComparison.Ordinal))
            {
                sb.Append(" <").Append(r.Href).Append('>');
            }
        }

        return sb.ToString();
    }
}
