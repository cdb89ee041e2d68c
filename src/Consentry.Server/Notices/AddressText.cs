namespace Consentry.Server.Notices;

/// <summary>E-mail addresses as personal data: normalised for keys, masked for logs and reports (never in full).</summary>
internal static class AddressText
{
    /// <summary>The address as a key: trimmed and lower-cased.</summary>
    public static string Normalize(string address) => address.Trim().ToLowerInvariant();

    /// <summary>The first letter of the local part and the domain: <c>j***@example.com</c>.</summary>
    public static string Mask(string address)
    {
        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : $"{address[0]}***{address[at..]}";
    }
}
