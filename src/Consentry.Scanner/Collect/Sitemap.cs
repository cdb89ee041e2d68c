using System.Xml;
using System.Xml.Linq;
using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>
/// Pages a site lists in its sitemap (robots.txt's <c>Sitemap:</c> lines, else <c>/sitemap.xml</c>; a
/// sitemap index is followed one level). Fetched through the page, so the browser's host rules apply,
/// without credentials, so nothing is stored; bounded in files, size and entries.
/// </summary>
internal static class Sitemap
{
    private const int MaxFiles = 4;
    private const int MaxChars = 5_000_000;

    private const string Fetch = """
        async ([url, max]) => {
          try {
            const r = await fetch(url, { credentials: 'omit', redirect: 'follow' });
            if (!r.ok) return '';
            const t = await r.text();
            return t.length > max ? '' : t;
          } catch { return ''; }
        }
        """;

    public static async Task<IReadOnlyList<string>> ReadAsync(IPage page, Uri start, int limit)
    {
        var origin = start.GetLeftPart(UriPartial.Authority);
        var files = new Queue<string>();
        foreach (var line in (await GetAsync(page, origin + "/robots.txt")).Split('\n'))
        {
            if (line.StartsWith("sitemap:", StringComparison.OrdinalIgnoreCase))
            {
                files.Enqueue(line[8..].Trim());
            }
        }

        if (files.Count == 0)
        {
            files.Enqueue(origin + "/sitemap.xml");
        }

        var pages = new List<string>();
        var read = 0;
        while (files.Count > 0 && read < MaxFiles && pages.Count < limit)
        {
            read++;
            var (locs, isIndex) = Parse(await GetAsync(page, files.Dequeue()));
            foreach (var loc in locs)
            {
                if (isIndex)
                {
                    files.Enqueue(loc);
                }
                else if (pages.Count < limit)
                {
                    pages.Add(loc);
                }
            }
        }

        return pages;
    }

    /// <summary>The &lt;loc&gt; entries of a sitemap or sitemap index; nothing for anything that is not one (no DTDs are read).</summary>
    internal static (IReadOnlyList<string> Locations, bool IsIndex) Parse(string xml)
    {
        if (string.IsNullOrWhiteSpace(xml))
        {
            return ([], false);
        }

        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var doc = XDocument.Load(reader);
            var root = doc.Root;
            if (root is null || (root.Name.LocalName != "urlset" && root.Name.LocalName != "sitemapindex"))
            {
                return ([], false);
            }

            var locs = root.Descendants().Where(e => e.Name.LocalName == "loc").Select(e => e.Value.Trim()).Where(v => v.Length > 0).ToList();
            return (locs, root.Name.LocalName == "sitemapindex");
        }
        catch (XmlException)
        {
            return ([], false);
        }
    }

    private static async Task<string> GetAsync(IPage page, string url)
    {
        try
        {
            return await page.EvaluateAsync<string>(Fetch, new object[] { url, MaxChars });
        }
        catch (PlaywrightException)
        {
            return "";
        }
    }
}
