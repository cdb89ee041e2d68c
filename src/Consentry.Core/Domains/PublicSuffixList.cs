namespace Consentry.Domains;

/// <summary>
/// The Public Suffix List (publicsuffix.org; Debian's <c>publicsuffix</c> package installs it at
/// /usr/share/publicsuffix/public_suffix_list.dat) and the registrable domain it defines: the public
/// suffix plus one label. The scanner decides "same site" for the crawl and "third party" for cookies and requests
/// with it (so <c>shop.example.co.uk</c> and <c>other.co.uk</c> are different sites), and the manifest's
/// <c>consent.domain</c> is checked against it (a cookie for a public suffix is refused by browsers).
/// </summary>
public sealed class PublicSuffixList
{
    /// <summary>Where Debian and Ubuntu install the list.</summary>
    public const string SystemPath = "/usr/share/publicsuffix/public_suffix_list.dat";

    private readonly HashSet<string> _rules = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _wildcards = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _exceptions = new(StringComparer.OrdinalIgnoreCase);

    private PublicSuffixList()
    {
    }

    /// <summary>The system's list, or null when it is not installed (apt-get install publicsuffix).</summary>
    public static PublicSuffixList? Installed { get; } = File.Exists(SystemPath) ? Parse(File.ReadLines(SystemPath)) : null;

    /// <summary>How many rules the list holds.</summary>
    public int Count => _rules.Count + _wildcards.Count + _exceptions.Count;

    /// <summary>Reads the list's text format (rules, <c>*.</c> wildcards, <c>!</c> exceptions, <c>//</c> comments).</summary>
    public static PublicSuffixList Parse(IEnumerable<string> lines)
    {
        var list = new PublicSuffixList();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            line = line.Split(' ', '\t')[0];
            if (line.StartsWith('!'))
            {
                list._exceptions.Add(line[1..]);
            }
            else if (line.StartsWith("*.", StringComparison.Ordinal))
            {
                list._wildcards.Add(line[2..]);
            }
            else
            {
                list._rules.Add(line);
            }
        }

        return list;
    }

    /// <summary>The registrable domain (eTLD+1) of <paramref name="host"/>; the host itself for an IP address, a single label, or a host that is a public suffix.</summary>
    public string RegistrableDomain(string host)
    {
        host = host.TrimEnd('.').ToLowerInvariant();
        if (System.Net.IPAddress.TryParse(host, out _) || !host.Contains('.', StringComparison.Ordinal))
        {
            return host;
        }

        var labels = host.Split('.');
        var suffixLength = SuffixLength(labels);
        return suffixLength >= labels.Length ? host : string.Join('.', labels[(labels.Length - suffixLength - 1)..]);
    }

    /// <summary>Whether <paramref name="host"/> is itself a public suffix (<c>com</c>, <c>co.uk</c>, <c>github.io</c>), on which no site can set a cookie.</summary>
    public bool IsPublicSuffix(string host)
    {
        var labels = host.TrimEnd('.').ToLowerInvariant().Split('.');
        return SuffixLength(labels) >= labels.Length;
    }

    /// <summary>How many labels at the end of the host form its public suffix.</summary>
    private int SuffixLength(string[] labels)
    {
        // The longest matching rule wins; an exception rule beats everything; no rule means "*" (the last label).
        var suffixLength = 1;
        for (var i = 0; i < labels.Length; i++)
        {
            var candidate = string.Join('.', labels[i..]);
            if (_exceptions.Contains(candidate))
            {
                return labels.Length - i - 1;
            }

            if (_rules.Contains(candidate))
            {
                suffixLength = Math.Max(suffixLength, labels.Length - i);
            }

            if (i + 1 < labels.Length && _wildcards.Contains(string.Join('.', labels[(i + 1)..])))
            {
                suffixLength = Math.Max(suffixLength, labels.Length - i);
            }
        }

        return suffixLength;
    }
}
