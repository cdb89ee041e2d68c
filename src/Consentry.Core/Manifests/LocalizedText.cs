namespace Consentry.Manifests;

/// <summary>
/// Text written by the site owner, either one string (in the manifest's language) or one string per
/// language code (<c>{en: …, de: …}</c>).
/// </summary>
public sealed class LocalizedText
{
    private readonly Dictionary<string, string> _byLanguage;

    /// <summary>Creates text with translations; <paramref name="defaultLanguage"/> is used when a language is missing.</summary>
    public LocalizedText(IReadOnlyDictionary<string, string> byLanguage, string defaultLanguage)
    {
        ArgumentNullException.ThrowIfNull(byLanguage);
        ArgumentException.ThrowIfNullOrEmpty(defaultLanguage);
        _byLanguage = new Dictionary<string, string>(byLanguage, StringComparer.OrdinalIgnoreCase);
        DefaultLanguage = defaultLanguage;
    }

    /// <summary>Creates text in one language.</summary>
    public LocalizedText(string text, string language)
        : this(new Dictionary<string, string> { [language] = text }, language)
    {
    }

    /// <summary>The language used when a requested one is missing.</summary>
    public string DefaultLanguage { get; }

    /// <summary>The translations, by language code.</summary>
    public IReadOnlyDictionary<string, string> Translations => _byLanguage;

    /// <summary>The text in <paramref name="language"/>, else in the default language, else any.</summary>
    public string Get(string language)
    {
        if (_byLanguage.TryGetValue(language, out var text))
        {
            return text;
        }

        return _byLanguage.TryGetValue(DefaultLanguage, out text) ? text : _byLanguage.Values.FirstOrDefault() ?? "";
    }

    /// <inheritdoc />
    public override string ToString() => Get(DefaultLanguage);
}
