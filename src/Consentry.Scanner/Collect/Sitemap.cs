using System.Xml;
using System.Xml.Linq;
using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>
/// Pages a site lists in its sitemap (robots.txt's <c>Sitemap:</c> lines, else <c>/sitemap.xml</c>; a
/// sitemap index is followed one level). Fetched through the page, so the browser's host rules apply,
/// without credentials, so nothing is stored; only addresses in the scan's scope are fetched, redirects are
/// not followed, and each file is bounded in time and, while it downloads (after decompression), in size.
/// </summary>
internal static class Sitemap
{
    private const int MaxFiles = 4;
    private const int MaxBytes = 5_000_000;
    private static readonly TimeSpan FetchLimit = TimeSpan.FromSeconds(10);
    private const string TooLarge = "\u0000too-large";
    private const string TooSlow = "\u0000too-slow";

    // Streams the body and stops reading past the cap: a sitemap that is huge, or a small gzip that inflates
    // to gigabytes, costs at most MaxBytes. An answer that never comes is aborted.
    private const string Fetch = """
        async ([url, max, ms]) => {
          const ctl = new AbortController();
          let late = false;
          const timer = setTimeout(() => { late = true; ctl.abort(); }, ms);
          try {
            const r = await fetch(url, { credentials: 'omit', redirect: 'error', signal: ctl.signal });
            if (!r.ok || !r.body) return '';
            const reader = r.body.getReader(), dec = new TextDecoder();
            let text = '', n = 0;
            for (;;) {
              const { done, value } = await reader.read();
              if (done) break;
              n += value.length;
              if (n > max) { ctl.abort(); return '\u0000too-large'; }
              text += dec.decode(value, { stream: true });
            }
            return text + dec.decode();
          } catch { return late ? '\u0000too-slow' : ''; } finally { clearTimeout(timer); }
        }
        """;

    public static async Task<IReadOnlyList<string>> ReadAsync(IPage page, Uri start, int limit, List<string> notes, CancellationToken cancellationToken)
    {
        var origin = start.GetLeftPart(UriPartial.Authority);
        var files = new Queue<string>();
        foreach (var line in (await GetAsync(page, origin + "/robots.txt", notes, cancellationToken)).Split('\n'))
        {
            if (line.StartsWith("sitemap:", StringComparison.OrdinalIgnoreCase))
            {
                var file = line[8..].Trim();
                if (Scope.InScope(file, start))
                {
                    files.Enqueue(file);
                }
                else
                {
                    notes.Add($"robots.txt names the sitemap {file}, on another site; not fetched");
                }
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
            var (locs, isIndex) = Parse(await GetAsync(page, files.Dequeue(), notes, cancellationToken));
            foreach (var loc in locs)
            {
                if (isIndex)
                {
                    if (Scope.InScope(loc, start))
                    {
                        files.Enqueue(loc);
                    }
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

    private static async Task<string> GetAsync(IPage page, string url, List<string> notes, CancellationToken cancellationToken)
    {
        var (answered, _, text) = await PageCalls.TryAsync(page.EvaluateAsync<string>(Fetch, new object[] { url, MaxBytes, FetchLimit.TotalMilliseconds }), cancellationToken, FetchLimit + TimeSpan.FromSeconds(5));
        if (text == TooLarge)
        {
            notes.Add($"{url} is larger than {MaxBytes / 1_000_000} MB (after decompression); not read");
            return "";
        }

        if (!answered || text == TooSlow)
        {
            notes.Add($"{url} did not arrive within {FetchLimit.TotalSeconds:0} s; not read");
            return "";
        }

        return text ?? "";
    }
}
