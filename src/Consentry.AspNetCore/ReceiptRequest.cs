using System.Text.Json;
using System.Text.RegularExpressions;
using Consentry.Ledger.Receipts;

namespace Consentry.AspNetCore;

/// <summary>
/// Reads and strictly validates a receipt the banner posts. Anything unexpected is refused with a
/// sentence saying what: bytes that are not UTF-8, lone surrogates, duplicate keys, unknown or missing
/// fields, wrong types, unknown categories or services, a revision or policy hash that is not the current
/// one, a page that is not on one of the site's domains (or the host the receipt was posted to).
/// </summary>
internal static partial class ReceiptRequest
{
    public const int MaxBytes = 4096;

    private static readonly HashSet<string> Fields = new(ReceiptFields.Posted, StringComparer.Ordinal);
    private static readonly IReadOnlySet<string> Methods = ConsentMethods.Posted;

    public static (ConsentReceipt? Receipt, string? Error) Parse(ReadOnlyMemory<byte> body, ConsentrySite site, string? userAgent, string requestHost, DateTimeOffset now)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            return (null, "The body is not valid UTF-8.");
        }

        try
        {
            // Parses the caller's buffer in place; the document must not outlive it (it does not: disposed here).
            using var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 4, AllowDuplicateProperties = false });
            return Read(doc.RootElement, site, userAgent, requestHost, now);
        }
        catch (JsonException e)
        {
            return (null, "The body is not JSON: " + e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // Escaped lone surrogates (\ud800) pass the tokenizer and fail when a key or string is decoded.
            return (null, "A string or key holds a lone UTF-16 surrogate escape (\\uD800 to \\uDFFF without its pair).");
        }
    }

    private static (ConsentReceipt? Receipt, string? Error) Read(JsonElement root, ConsentrySite site, string? userAgent, string requestHost, DateTimeOffset now)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "The body must be a JSON object.");
        }

        foreach (var p in root.EnumerateObject())
        {
            if (!Fields.Contains(p.Name))
            {
                return (null, $"Unknown field '{Trim(p.Name)}'. Allowed: {string.Join(", ", Fields)}.");
            }
        }

        foreach (var f in Fields)
        {
            if (!root.TryGetProperty(f, out _))
            {
                return (null, $"Missing field '{f}'.");
            }
        }

        var receiptId = Str(root, ReceiptFields.ReceiptId);
        if (receiptId is null || !HexIdPattern().IsMatch(receiptId))
        {
            return (null, "'receiptId' must be 32 lower-case hex digits, new for every receipt (a retry sends the same one).");
        }

        var consentId = Str(root, ReceiptFields.ConsentId);
        if (consentId is null || !HexIdPattern().IsMatch(consentId))
        {
            return (null, "'consentId' must be 32 lower-case hex digits.");
        }

        if (root.GetProperty(ReceiptFields.Revision) is not { ValueKind: JsonValueKind.Number } rev || !rev.TryGetInt32(out var revision) || revision != site.Revision)
        {
            return (null, $"'revision' must be the current revision, {site.Revision}.");
        }

        if (Str(root, ReceiptFields.PolicyHash) != site.PolicyHash)
        {
            return (null, "'policyHash' is not the hash of the current policy; reload the page.");
        }

        var categories = Decisions(root, ReceiptFields.Categories, site.CategoryIds, out var error);
        if (categories is null)
        {
            return (null, error);
        }

        foreach (var locked in site.Locked.Where(site.CategoryIds.Contains))
        {
            if (!categories.TryGetValue(locked, out var on) || !on)
            {
                return (null, $"Category '{locked}' is strictly necessary and must be true.");
            }
        }

        var services = Decisions(root, ReceiptFields.Services, site.ServiceIds, out error);
        if (services is null)
        {
            return (null, error);
        }

        var method = Str(root, ReceiptFields.Method);
        if (method is null || !Methods.Contains(method))
        {
            return (null, $"'method' must be one of: {string.Join(", ", Methods)}.");
        }

        var language = Str(root, ReceiptFields.Language);
        if (language is null || !LanguagePattern().IsMatch(language))
        {
            return (null, "'language' must be a language code such as 'en'.");
        }

        var page = Str(root, ReceiptFields.PageUrl);
        if (page is null || page.Length > 2048 || !Uri.TryCreate(page, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return (null, "'pageUrl' must be an absolute http(s) URL of at most 2048 characters.");
        }

        if (url.UserInfo.Length > 0)
        {
            return (null, "'pageUrl' must not carry a user name or password (user:pass@).");
        }

        if (!site.IsSitePage(url, requestHost))
        {
            return (null, $"'pageUrl' is on '{Trim(url.Host)}', which is not one of this site's domains ({string.Join(", ", site.Manifest.Site.Domains)}).");
        }

        return (new ConsentReceipt
        {
            Site = site.SiteId,
            ReceiptId = receiptId,
            ConsentId = consentId,
            Revision = revision,
            PolicyHash = site.PolicyHash,
            Categories = categories,
            Services = services,
            Method = method,
            Language = language,
            PageUrl = url.GetLeftPart(UriPartial.Path),
            UserAgentFamily = UserAgentFamily.Of(userAgent),
            ServerTime = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()),
        }, null);
    }

    private static SortedDictionary<string, bool>? Decisions(JsonElement root, string name, IReadOnlySet<string> known, out string? error)
    {
        error = null;
        var e = root.GetProperty(name);
        if (e.ValueKind != JsonValueKind.Object)
        {
            error = $"'{name}' must be an object of id: true|false.";
            return null;
        }

        var map = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
        {
            if (!known.Contains(p.Name))
            {
                error = $"'{name}' names '{Trim(p.Name)}', which this site does not have.";
                return null;
            }

            if (p.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                error = $"'{name}.{p.Name}' must be true or false.";
                return null;
            }

            map[p.Name] = p.Value.GetBoolean();
        }

        return map;
    }

    private static string? Str(JsonElement root, string name) => root.GetProperty(name) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    private static string Trim(string s) => s.Length > 40 ? s[..40] + "…" : s;

    // \z, not $: '$' also matches before a final newline.
    [GeneratedRegex(@"^[0-9a-f]{32}\z")]
    private static partial Regex HexIdPattern();

    [GeneratedRegex(@"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?\z")]
    private static partial Regex LanguagePattern();
}
