using System.Text.Json;
using System.Text.RegularExpressions;
using MimeKit;

namespace Consentry.Server.Notices;

/// <summary>
/// Recipients as the site's application hands them over: a JSON array of <c>{"address", "language"}</c> (the API)
/// or CSV lines <c>address,language</c> (the upload). Each bad entry is named by its position, with the reason.
/// </summary>
internal static partial class RecipientInput
{
    /// <summary>Recipients one API request may carry.</summary>
    public const int MaxBatch = 10_000;

    private static readonly JsonSerializerOptions Json = new() { MaxDepth = 4 };

    /// <summary>Checks one entry; the problem in words, or null.</summary>
    public static string? Problem(string? address, string? language)
    {
        var a = address?.Trim() ?? "";
        if (a.Length is 0 or > 254 || !MailboxAddress.TryParse(a, out var mailbox) || mailbox.Address != a || !a.Contains('@', StringComparison.Ordinal))
        {
            return "not an e-mail address";
        }

        return string.IsNullOrEmpty(language) || Language().IsMatch(language) ? null : $"'{Trunc(language)}' is not a language tag (such as en, de or fr-CH)";
    }

    /// <summary>Reads a JSON array from the request body, streaming; entries and their problems by index.</summary>
    public static async Task<(List<NoticeRecipient> Recipients, List<string> Problems)> ReadJsonAsync(Stream body, string defaultLanguage, CancellationToken cancellationToken)
    {
        var recipients = new List<NoticeRecipient>();
        var problems = new List<string>();
        var index = 0;
        await foreach (var entry in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(body, Json, cancellationToken))
        {
            if (++index > MaxBatch)
            {
                problems.Add($"more than {MaxBatch} recipients in one request: send them in batches");
                break;
            }

            var address = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("address", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            var language = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("language", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
            Add(recipients, problems, $"[{index - 1}]", address, language, defaultLanguage);
        }

        return (recipients, problems);
    }

    /// <summary>Reads CSV lines (<c>address,language</c>; a header line and blank lines are skipped); problems by line number.</summary>
    public static async IAsyncEnumerable<(NoticeRecipient? Recipient, string? Problem)> ReadCsvAsync(TextReader reader, string defaultLanguage)
    {
        var line = 0;
        while (await reader.ReadLineAsync() is { } text)
        {
            line++;
            var fields = text.Split(',', StringSplitOptions.TrimEntries);
            if (text.Trim().Length == 0 || (line == 1 && fields[0].Equals("address", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var language = fields.Length > 1 ? fields[1].Trim('"') : null;
            var address = fields[0].Trim('"');
            yield return Problem(address, language) is { } problem
                ? (null, $"line {line}: {problem}")
                : (new NoticeRecipient(AddressText.Normalize(address), Lang(language, defaultLanguage)), null);
        }
    }

    private static void Add(List<NoticeRecipient> recipients, List<string> problems, string where, string? address, string? language, string defaultLanguage)
    {
        if (Problem(address, language) is { } problem)
        {
            problems.Add($"{where}: {problem}");
        }
        else
        {
            recipients.Add(new NoticeRecipient(AddressText.Normalize(address!), Lang(language, defaultLanguage)));
        }
    }

    private static string Lang(string? language, string defaultLanguage) => string.IsNullOrEmpty(language) ? defaultLanguage : language.ToLowerInvariant();

    private static string Trunc(string text) => text.Length > 20 ? text[..20] + "…" : text;

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$")]
    private static partial Regex Language();
}
