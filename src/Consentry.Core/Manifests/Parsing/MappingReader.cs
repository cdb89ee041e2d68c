using System.Globalization;
using System.Text.RegularExpressions;
using Consentry.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Consentry.Manifests.Parsing;

/// <summary>
/// Reads one YAML mapping: reports unknown keys (with a suggestion), missing required keys and
/// values of the wrong shape, each at its own line and column.
/// </summary>
internal sealed partial class MappingReader
{
    private readonly ParseContext _ctx;
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    public MappingReader(ParseContext ctx, YamlMappingNode node, string what, IReadOnlyCollection<string> allowedKeys)
    {
        _ctx = ctx;
        Node = node;
        What = what;
        foreach (var (keyNode, value) in node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                ctx.Error(DiagnosticCodes.WrongType, keyNode, $"A key in {what} is not a plain name.", "Write keys as plain words, e.g. 'name:'.");
                continue;
            }

            if (!allowedKeys.Contains(key))
            {
                ctx.Error(DiagnosticCodes.UnknownKey, keyNode, $"Unknown key '{key}' in {what}.", Suggest.Hint(key, allowedKeys));
                continue;
            }

            _entries[key] = (scalarKey, value);
        }
    }

    public YamlMappingNode Node { get; }

    public string What { get; }

    public SourceLocation Location => _ctx.At(Node);

    public bool Has(string key) => _entries.ContainsKey(key);

    public YamlNode? Get(string key) => _entries.TryGetValue(key, out var e) ? e.Value : null;

    /// <summary>Where each key's value is; keys of the nested <paramref name="nested"/> mapping are added as <c>nested.key</c>.</summary>
    public Dictionary<string, SourceLocation> KeyLocations(string? nested = null)
    {
        var result = _entries.ToDictionary(e => e.Key, e => _ctx.At(e.Value.Value), StringComparer.Ordinal);
        if (nested is not null && Get(nested) is YamlMappingNode inner)
        {
            foreach (var (k, v) in inner.Children)
            {
                if (k is YamlScalarNode { Value: { } key })
                {
                    result[nested + "." + key] = _ctx.At(v);
                }
            }
        }

        return result;
    }

    public SourceLocation? LocationOf(string key) => _entries.TryGetValue(key, out var e) ? _ctx.At(e.Value) : null;

    public string? String(string key, bool required = false, string? example = null)
    {
        var node = Get(key);
        if (node is null)
        {
            if (required)
            {
                _ctx.Error(DiagnosticCodes.MissingKey, Node, $"{Capital(What)} has no '{key}'.", $"Add '{key}:'{(example is null ? "" : $", e.g. '{key}: {example}'")}.");
            }

            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            _ctx.Error(DiagnosticCodes.WrongType, node, $"'{key}' in {What} must be a single value, not a {Shape(node)}.", $"Write '{key}: <value>'.");
            return null;
        }

        var value = scalar.Value?.Trim();
        if (string.IsNullOrEmpty(value) || IsNull(scalar))
        {
            if (required)
            {
                _ctx.Error(DiagnosticCodes.MissingKey, node, $"'{key}' in {What} is empty.", $"Give '{key}' a value{(example is null ? "" : $", e.g. '{example}'")}.");
            }

            return null;
        }

        return value;
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                _ctx.Error(DiagnosticCodes.InvalidValue, Get(key)!, $"'{key}' in {What} must be true or false, not '{text}'.", $"Write '{key}: true' or '{key}: false'.");
                return null;
        }
    }

    /// <summary>One of a fixed set of words; spelling is forgiving about case, '-', '_' and spaces.</summary>
    public T? Enum<T>(string key, params (string Name, T Value)[] values)
        where T : struct
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        foreach (var (name, value) in values)
        {
            if (Normalise(name) == Normalise(text))
            {
                return value;
            }
        }

        _ctx.Error(DiagnosticCodes.InvalidValue, Get(key)!, $"'{text}' is not a valid '{key}' in {What}.", Suggest.Hint(text, values.Select(v => v.Name).ToArray()));
        return null;
    }

    public CookieDuration? Duration(string key, bool required = false)
    {
        var text = String(key, required, "365d");
        if (text is null)
        {
            return null;
        }

        if (CookieDuration.TryParse(text, out var d))
        {
            return d;
        }

        _ctx.Error(DiagnosticCodes.InvalidDuration, Get(key)!, $"'{text}' is not a duration.",
            "Write 'session', 'until-cleared', 'until-tab-closed', or an amount and unit: 30min, 8h, 365d, 2w, 13mo, 1y.");
        return null;
    }

    public DateOnly? Date(string key, bool required = false)
    {
        var text = String(key, required, "2026-05-21");
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        _ctx.Error(DiagnosticCodes.InvalidDate, Get(key)!, $"'{text}' is not a date.", "Write the date as YYYY-MM-DD, e.g. 2026-05-21.");
        return null;
    }

    public Uri? Url(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return uri;
        }

        _ctx.Error(DiagnosticCodes.InvalidAddress, Get(key)!, $"'{text}' in '{key}' is not an absolute http(s) URL.", "Write the full address, e.g. https://example.com/privacy.");
        return null;
    }

    public string? Email(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (EmailPattern().IsMatch(text))
        {
            return text;
        }

        _ctx.Error(DiagnosticCodes.InvalidAddress, Get(key)!, $"'{text}' is not an e-mail address.", "Write it as name@example.com.");
        return null;
    }

    /// <summary>A list of strings; a single string is taken as a list of one.</summary>
    public IReadOnlyList<string> StringList(string key)
    {
        var node = Get(key);
        switch (node)
        {
            case null:
                return [];
            case YamlScalarNode s when !IsNull(s) && !string.IsNullOrWhiteSpace(s.Value):
                return [s.Value!.Trim()];
            case YamlScalarNode:
                return [];
            case YamlSequenceNode seq:
                var list = new List<string>();
                foreach (var child in seq.Children)
                {
                    if (child is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v))
                    {
                        list.Add(v.Trim());
                    }
                    else
                    {
                        _ctx.Error(DiagnosticCodes.WrongType, child, $"Each entry of '{key}' in {What} must be a single value.", $"Write '{key}: [a, b]' or one '- value' per line.");
                    }
                }

                return list;
            default:
                _ctx.Error(DiagnosticCodes.WrongType, node, $"'{key}' in {What} must be a list, not a {Shape(node)}.", $"Write '{key}: [a, b]'.");
                return [];
        }
    }

    /// <summary>Text in the manifest's language, or a mapping of language code to text.</summary>
    public LocalizedText? Text(string key, bool required = false, string? example = null)
    {
        var node = Get(key);
        if (node is YamlMappingNode map)
        {
            return TextFrom(map, key);
        }

        var text = String(key, required, example);
        return text is null ? null : new LocalizedText(text, _ctx.Language);
    }

    /// <summary>A list of texts, each a string or a language mapping.</summary>
    public IReadOnlyList<LocalizedText> TextList(string key)
    {
        var node = Get(key);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode seq)
        {
            _ctx.Error(DiagnosticCodes.WrongType, node, $"'{key}' in {What} must be a list, not a {Shape(node)}.", $"Write one '- text' per line under '{key}:'.");
            return [];
        }

        var list = new List<LocalizedText>();
        foreach (var child in seq.Children)
        {
            switch (child)
            {
                case YamlScalarNode { Value: { } v } when !string.IsNullOrWhiteSpace(v):
                    list.Add(new LocalizedText(v.Trim(), _ctx.Language));
                    break;
                case YamlMappingNode m when TextFrom(m, key) is { } t:
                    list.Add(t);
                    break;
                case YamlMappingNode:
                    break;
                default:
                    _ctx.Error(DiagnosticCodes.WrongType, child, $"An entry of '{key}' in {What} is empty or not text.", "Write each entry as text.");
                    break;
            }
        }

        return list;
    }

    public MappingReader? Mapping(string key, string what, IReadOnlyCollection<string> allowed)
    {
        var node = Get(key);
        switch (node)
        {
            case null:
                return null;
            case YamlMappingNode map:
                return new MappingReader(_ctx, map, what, allowed);
            case YamlScalarNode s when IsNull(s):
                return null;
            default:
                _ctx.Error(DiagnosticCodes.WrongType, node, $"'{key}' in {What} must be a mapping of keys, not a {Shape(node)}.", $"Indent the keys of '{key}' below it: '{key}:' then '  {allowed.First()}: …'.");
                return null;
        }
    }

    public IEnumerable<YamlNode> Sequence(string key)
    {
        var node = Get(key);
        switch (node)
        {
            case null:
                return [];
            case YamlSequenceNode seq:
                return seq.Children;
            case YamlScalarNode s when IsNull(s):
                return [];
            default:
                _ctx.Error(DiagnosticCodes.WrongType, node, $"'{key}' in {What} must be a list, not a {Shape(node)}.", $"Write one '- …' entry per line under '{key}:'.");
                return [];
        }
    }

    /// <summary>The entries of a mapping keyed by id, e.g. <c>categories:</c>.</summary>
    public IEnumerable<(YamlScalarNode Key, YamlNode Value)> Entries(string key)
    {
        var node = Get(key);
        switch (node)
        {
            case null:
                yield break;
            case YamlScalarNode s when IsNull(s):
                yield break;
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                {
                    if (k is YamlScalarNode { Value: { } } sk)
                    {
                        yield return (sk, v);
                    }
                    else
                    {
                        _ctx.Error(DiagnosticCodes.WrongType, k, $"An id in '{key}' is not a plain name.", "Use plain ids such as 'analytics'.");
                    }
                }

                yield break;
            default:
                _ctx.Error(DiagnosticCodes.WrongType, node, $"'{key}' must be a mapping from id to details, not a {Shape(node)}.", $"Write '{key}:' then '  some-id:' and its details indented below.");
                yield break;
        }
    }

    public static string Shape(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "single value",
    };

    public static bool IsNull(YamlScalarNode s) =>
        s.Style == YamlDotNet.Core.ScalarStyle.Plain && s.Value is "~" or "null" or "Null" or "NULL" or "";

    /// <summary>Lower case without '-', '_' and spaces, so 'localStorage', 'local_storage' and 'local-storage' agree.</summary>
    public static string Normalise(string text) =>
        text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();

    private LocalizedText? TextFrom(YamlMappingNode map, string key)
    {
        var byLanguage = new Dictionary<string, string>();
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode { Value: { } lang } && LanguagePattern().IsMatch(lang) && v is YamlScalarNode { Value: { } text } && !string.IsNullOrWhiteSpace(text))
            {
                byLanguage[lang] = text.Trim();
            }
            else
            {
                _ctx.Error(DiagnosticCodes.WrongType, k, $"'{key}' in {What} is a mapping, so each key must be a language code with text, e.g. 'en: …'.", "Write the text directly, or one line per language: 'en: …', 'de: …'.");
            }
        }

        if (byLanguage.Count == 0)
        {
            return null;
        }

        var fallback = byLanguage.ContainsKey(_ctx.Language) ? _ctx.Language : byLanguage.Keys.First();
        return new LocalizedText(byLanguage, fallback);
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    internal static partial Regex LanguagePattern();
}
