using System.Globalization;
using System.Net;
using System.Text;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stats;

namespace Consentry.Server.Analytics;

/// <summary>
/// The statistics as a stacked bar chart in SVG, drawn on the server (no script, strict CSP): one bar a period,
/// one colour a consent method, with a text alternative. Every text in it is encoded.
/// </summary>
internal static class StatsChart
{
    /// <summary>The methods in stacking order, each with its colour class (s0…); anything else is "other".</summary>
    public static readonly IReadOnlyList<string> Methods = [ConsentMethods.AcceptAll, ConsentMethods.RejectAll, ConsentMethods.Custom, ConsentMethods.Gpc, ConsentMethods.Renewed, ConsentMethods.Withdraw];

    public const string Other = "other";

    private const int Width = 760, Height = 260, Left = 48, Bottom = 28, Top = 10;

    public static string Svg(IReadOnlyList<ConsentStatsRow> rows, string title)
    {
        var periods = rows.GroupBy(r => r.Period).OrderBy(g => g.Key).Select(g => (Period: g.Key, Counts: Stack(g))).ToList();
        var max = Math.Max(1, periods.Count == 0 ? 1 : periods.Max(p => p.Counts.Sum()));
        var plotWidth = Width - Left - 10;
        var plotHeight = Height - Top - Bottom;
        var slot = periods.Count == 0 ? plotWidth : (double)plotWidth / periods.Count;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-labelledby=\"chart-title\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"chart-title\">{Encode(title)}</title>");
        foreach (var tick in new[] { 0, max / 2, max }.Distinct())
        {
            var y = Top + plotHeight - (plotHeight * tick / (double)max);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - 10}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/><text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{tick}</text>");
        }

        for (var i = 0; i < periods.Count; i++)
        {
            var (period, counts) = periods[i];
            var x = Left + (i * slot) + (slot * 0.15);
            var barWidth = Math.Max(1, slot * 0.7);
            var y = (double)(Top + plotHeight);
            for (var m = 0; m < counts.Length; m++)
            {
                if (counts[m] == 0)
                {
                    continue;
                }

                var h = plotHeight * counts[m] / (double)max;
                y -= h;
                var label = m < Methods.Count ? Methods[m] : Other;
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"s{m}\" x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{barWidth:0.#}\" height=\"{h:0.#}\"><title>{period:yyyy-MM-dd}: {counts[m]} {Encode(label)}</title></rect>");
            }

            if (periods.Count <= 16 || i % (int)Math.Ceiling(periods.Count / 16.0) == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (barWidth / 2):0.#}\" y=\"{Height - 8}\" text-anchor=\"middle\">{period:MM-dd}</text>");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>A period's choices per method in stacking order, the last slot for any other method.</summary>
    private static long[] Stack(IEnumerable<ConsentStatsRow> rows)
    {
        var counts = new long[Methods.Count + 1];
        foreach (var (method, n) in rows.SelectMany(r => r.Methods))
        {
            var at = Methods.IndexOf(method);
            counts[at < 0 ? Methods.Count : at] += n;
        }

        return counts;
    }

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Encode(string s) => WebUtility.HtmlEncode(s);
}
