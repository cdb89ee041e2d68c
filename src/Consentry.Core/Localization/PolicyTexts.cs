using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Consentry.Manifests;

namespace Consentry.Localization;

/// <summary>Consentry's built-in policy text in one language, from the embedded <c>texts.*.json</c> resources.</summary>
internal sealed class PolicyTexts
{
    private static readonly ConcurrentDictionary<string, PolicyTexts> Cache = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _texts;

    private PolicyTexts(string language, Dictionary<string, string> texts)
    {
        Language = language;
        _texts = texts;
    }

    /// <summary>The languages with built-in text.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "da", "ar"];

    /// <summary>The languages written right to left.</summary>
    private static readonly string[] RightToLeft = ["ar"];

    public string Language { get; }

    /// <summary><c>rtl</c> for a language written right to left, else <c>ltr</c>: the <c>dir</c> of anything in it.</summary>
    public string Direction => RightToLeft.Contains(Language, StringComparer.Ordinal) ? "rtl" : "ltr";

    /// <summary>True when <paramref name="language"/> (or its base, e.g. <c>de</c> for <c>de-AT</c>) has built-in text.</summary>
    public static bool IsSupported(string language) => Languages.Contains(BaseOf(language), StringComparer.OrdinalIgnoreCase);

    /// <summary>The texts for <paramref name="language"/> or its base language.</summary>
    /// <exception cref="ArgumentException">No built-in text exists for the language.</exception>
    public static PolicyTexts For(string language)
    {
        var lang = BaseOf(language).ToLowerInvariant();
        if (!IsSupported(lang))
        {
            throw new ArgumentException($"Language '{language}' has no built-in policy text. Available: {string.Join(", ", Languages)}.", nameof(language));
        }

        return Cache.GetOrAdd(lang, Load);
    }

    public string this[string key] => _texts.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"Built-in text '{key}' is missing for language '{Language}'.");

    /// <summary>The text with <c>{name}</c> placeholders filled.</summary>
    public string Format(string key, params (string Name, string Value)[] values)
    {
        var text = this[key];
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return text;
    }

    public string Date(DateOnly date)
    {
        var months = this["months"].Split(',');
        return Format("date_format", ("day", date.Day.ToString(CultureInfo.InvariantCulture)), ("month", months[date.Month - 1]), ("year", date.Year.ToString(CultureInfo.InvariantCulture)));
    }

    public string Duration(CookieDuration d) => d.Kind switch
    {
        DurationKind.Session => this["dur_session"],
        DurationKind.UntilCleared => this["dur_until_cleared"],
        DurationKind.UntilTabClosed => this["dur_until_tab_closed"],
        _ => Format(UnitKey(d.Unit.ToString().ToLowerInvariant(), d.Amount), ("n", d.Amount.ToString(CultureInfo.InvariantCulture))),
    };

    /// <summary>The unit's text for <paramref name="n"/>: the language's plural form when it has one for the unit, else <c>other</c>.</summary>
    private string UnitKey(string unit, long n)
    {
        var key = $"unit_{unit}_{PluralForms.Of(Language, n)}";
        return _texts.ContainsKey(key) ? key : $"unit_{unit}_other";
    }

    public string Storage(StorageType t) => this["storage_" + t.ToString().ToLowerInvariant()];

    public string CategoryLabel(CategoryDefinition c) =>
        c.Label?.Get(Language) ?? (c.BuiltIn ? this["cat_" + c.Id] : c.Id);

    public string CategoryDescription(CategoryDefinition c) =>
        c.Description?.Get(Language) ?? (c.BuiltIn ? this["catdesc_" + c.Id] : "");

    private static string BaseOf(string language)
    {
        var dash = language.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 ? language[..dash] : language;
    }

    private static PolicyTexts Load(string language)
    {
        var assembly = typeof(PolicyTexts).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith($".texts_{language}.json", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        var texts = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
        return new PolicyTexts(language, texts);
    }
}
