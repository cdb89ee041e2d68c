using System.Net;
using System.Text;

namespace Consentry.Policy.Rendering;

/// <summary>Writes a policy as accessible HTML: landmarks, ordered headings, captioned tables with header scopes, every manifest string escaped.</summary>
internal static class HtmlPolicyWriter
{
    private const string Style = """
        :root{color-scheme:light dark;--fg:#1b1b1f;--bg:#fff;--muted:#4a4a55;--line:#c9c9d1;--link:#0b57d0}
        @media (prefers-color-scheme:dark){:root{--fg:#ececf1;--bg:#141418;--muted:#b9b9c4;--line:#3d3d47;--link:#a8c7fa}}
        body{margin:0;background:var(--bg);color:var(--fg);font:1rem/1.6 system-ui,sans-serif}
        main{max-width:60rem;margin:0 auto;padding:2rem 1rem}
        a{color:var(--link)} a:focus-visible{outline:.2rem solid var(--link);outline-offset:.15rem}
        .consentry-meta{color:var(--muted)}
        table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.95rem}
        caption{text-align:start;font-weight:600;padding:.25rem 0}
        th,td{border:1px solid var(--line);padding:.4rem .6rem;text-align:start;vertical-align:top}
        tbody th{font-weight:normal}
        code{font-family:ui-monospace,monospace;font-size:.9em;overflow-wrap:anywhere}
        """;

    public static string Write(PolicyDocument d, bool standalone)
    {
        var sb = new StringBuilder();
        var top = standalone ? 1 : 2;
        if (standalone)
        {
            sb.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(d.Language)).Append("\" dir=\"").Append(d.Direction).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
              .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
              .Append("<title>").Append(E(d.Title)).Append(" — ").Append(E(d.Manifest.Site.Name)).Append("</title>\n")
              .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n<main id=\"consentry-policy\">\n");
        }
        else
        {
            sb.Append("<section class=\"consentry-policy\" lang=\"").Append(E(d.Language)).Append("\" dir=\"").Append(d.Direction).Append("\" aria-labelledby=\"consentry-policy-title\">\n");
        }

        sb.Append("<h").Append(top).Append(" id=\"consentry-policy-title\">").Append(E(d.Title)).Append("</h").Append(top).Append(">\n");
        sb.Append("<p class=\"consentry-meta\">");
        if (d.LastUpdated is not null && d.Manifest.LastUpdated is { } date)
        {
            sb.Append(E(d.LastUpdatedLabel)).Append(": <time datetime=\"").Append(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append("\">")
              .Append(E(d.LastUpdated)).Append("</time> · ");
        }

        sb.Append(E(d.RevisionLabel)).Append("</p>\n<p>");
        Runs(sb, d.Intro);
        sb.Append("</p>\n");

        var number = 0;
        foreach (var s in d.Sections)
        {
            number++;
            sb.Append("<section id=\"").Append(E(s.Id)).Append("\">\n<h").Append(top + 1).Append('>').Append(number).Append(". ").Append(E(s.Heading)).Append("</h").Append(top + 1).Append(">\n");
            foreach (var b in s.Blocks)
            {
                Block(sb, b, top + 2);
            }

            sb.Append("</section>\n");
        }

        sb.Append(standalone ? "</main>\n</body>\n</html>\n" : "</section>\n");
        return sb.ToString();
    }

    private static void Block(StringBuilder sb, PolicyBlock b, int level)
    {
        switch (b)
        {
            case Paragraph p:
                sb.Append("<p>");
                Runs(sb, p.Runs);
                sb.Append("</p>\n");
                break;
            case SubHeading h:
                sb.Append("<h").Append(level).Append(" id=\"").Append(E(h.Id)).Append("\">").Append(E(h.Text)).Append("</h").Append(level).Append(">\n");
                break;
            case BulletList l:
                sb.Append("<ul>\n");
                foreach (var item in l.Items)
                {
                    sb.Append("<li>");
                    Runs(sb, item);
                    sb.Append("</li>\n");
                }

                sb.Append("</ul>\n");
                break;
            case Table t:
                sb.Append("<table>\n<caption>").Append(E(t.Caption)).Append("</caption>\n<thead><tr>");
                foreach (var h in t.Headers)
                {
                    sb.Append("<th scope=\"col\">").Append(E(h)).Append("</th>");
                }

                sb.Append("</tr></thead>\n<tbody>\n");
                foreach (var row in t.Rows)
                {
                    sb.Append("<tr>");
                    for (var i = 0; i < row.Count; i++)
                    {
                        var tag = i == 0 ? "th scope=\"row\"" : "td";
                        sb.Append('<').Append(tag).Append('>');
                        Runs(sb, row[i]);
                        sb.Append(i == 0 ? "</th>" : "</td>");
                    }

                    sb.Append("</tr>\n");
                }

                sb.Append("</tbody>\n</table>\n");
                break;
        }
    }

    private static void Runs(StringBuilder sb, IReadOnlyList<Inline> runs)
    {
        foreach (var r in runs)
        {
            if (r.Href is not null)
            {
                sb.Append("<a href=\"").Append(E(r.Href)).Append("\">").Append(E(r.Text)).Append("</a>");
            }
            else if (r.Code)
            {
                sb.Append("<code>").Append(E(r.Text)).Append("</code>");
            }
            else
            {
                sb.Append(E(r.Text));
            }
        }
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
