namespace Consentry.Domains;

/// <summary>How host names relate: the one comparison the manifest, the server and the scanner make of a host and a domain.</summary>
public static class DomainNames
{
    /// <summary>
    /// Whether <paramref name="host"/> is <paramref name="domain"/> or one of its subdomains (ignoring case):
    /// <c>app.example.com</c> is within <c>example.com</c>, <c>badexample.com</c> is not. A wildcard domain as
    /// <c>site.domains</c> allows (<c>*.example.com</c>) holds its subdomains only, not <c>example.com</c> itself.
    /// </summary>
    public static bool IsWithin(string host, string domain)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(domain);
        if (IsWildcard(domain))
        {
            var parent = domain[2..];
            return !host.Equals(parent, StringComparison.OrdinalIgnoreCase) && IsWithin(host, parent);
        }

        return host.Equals(domain, StringComparison.OrdinalIgnoreCase)
            || (host.Length > domain.Length && host[^(domain.Length + 1)] == '.' && host.EndsWith(domain, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether <paramref name="domain"/> is a wildcard entry (<c>*.example.com</c>): its subdomains, not itself.</summary>
    public static bool IsWildcard(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return domain.StartsWith("*.", StringComparison.Ordinal);
    }
}
