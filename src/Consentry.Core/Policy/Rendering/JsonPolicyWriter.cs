using System.Globalization;
using System.Text;
using System.Text.Json;
using Consentry.Localization;
using Consentry.Manifests;
using Consentry.Validation;

namespace Consentry.Policy.Rendering;

/// <summary>
/// Writes the policy as JSON in the stable <c>consentry-policy/1</c> schema (docs/policy-json.md).
/// Property order is fixed; new properties may be added, none removed or renamed within version 1.
/// </summary>
internal static class JsonPolicyWriter
{
    public const string SchemaId = "consentry-policy/1";

    public static string Write(CookieManifest m, PolicyTexts t, string? logKey = null)
    {
        var lang = t.Language;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("schema", SchemaId);
            w.WriteString("language", lang);
            w.WriteNumber("revision", m.Revision);
            Nullable(w, "lastUpdated", m.LastUpdated?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteBoolean("bannerRequired", m.BannerRequired);
            w.WriteString("bannerStatement", PolicyBuilder.BannerStatement(m, t));

            w.WriteStartObject("site");
            w.WriteString("name", m.Site.Name);
            Strings(w, "domains", m.Site.Domains);
            Nullable(w, "owner", m.Site.Owner);
            w.WriteStartObject("contact");
            Nullable(w, "name", m.Site.Contact.Name);
            Nullable(w, "email", m.Site.Contact.Email);
            Nullable(w, "url", m.Site.Contact.Url?.ToString());
            w.WriteEndObject();
            Nullable(w, "privacyPolicy", m.Site.PrivacyPolicy?.ToString());
            Nullable(w, "terms", m.Site.Terms?.ToString());
            w.WriteEndObject();

            w.WriteStartObject("consent");
            Nullable(w, "cookie", m.Consent.Cookie);
            Duration(w, "lifetime", m.Consent.Lifetime, t);
            w.WriteString("settingsLink", Kebab(m.Consent.SettingsLink.ToString()));
            w.WriteString("settingsLabel", m.Consent.SettingsLabel?.Get(lang) ?? t["settings_label"]);
            w.WriteString("doNotTrack", m.Consent.DoNotTrack == SignalTreatment.Honour ? "honour" : "ignore");
            w.WriteString("globalPrivacyControl", m.Consent.GlobalPrivacyControl == SignalTreatment.Honour ? "honour" : "ignore");
            w.WriteBoolean("googleConsentMode", m.Consent.GoogleConsentMode);
            w.WriteEndObject();

            w.WriteStartArray("categories");
            foreach (var c in m.Categories)
            {
                var items = m.AllItems.Where(i => i.Category == c.Id).ToList();
                w.WriteStartObject();
                w.WriteString("id", c.Id);
                w.WriteString("label", t.CategoryLabel(c));
                w.WriteString("description", t.CategoryDescription(c));
                w.WriteBoolean("consentRequired", c.ConsentRequired);
                w.WriteBoolean("builtIn", c.BuiltIn);
                w.WriteStartArray("items");
                foreach (var i in items)
                {
                    Item(w, m, i, t);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartArray("thirdParties");
            foreach (var n in m.ThirdParties)
            {
                w.WriteStartObject();
                Provider(w, m.FindProvider(n.Provider), n.Provider);
                w.WriteString("when", n.When.Get(lang));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("statements");
            Nullable(w, "intro", m.Statements.Intro?.Get(lang));
            Strings(w, "weDoNotUse", m.Statements.WeDoNotUse.Select(s => s.Get(lang)).ToList());
            Nullable(w, "weDoNotNote", m.Statements.WeDoNotNote?.Get(lang));
            Nullable(w, "changes", m.Statements.Changes?.Get(lang));
            Nullable(w, "doNotTrack", m.Statements.DoNotTrack?.Get(lang));
            Nullable(w, "browserNote", m.Statements.BrowserNote?.Get(lang));
            w.WriteEndObject();

            w.WriteStartArray("history");
            var revision = 0;
            foreach (var h in m.History)
            {
                revision += h.Material ? 1 : 0;
                w.WriteStartObject();
                w.WriteString("date", h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteBoolean("material", h.Material);
                w.WriteNumber("revision", revision);
                w.WriteString("summary", h.Summary.Get(lang));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (logKey is not null)
            {
                w.WriteString("logKey", logKey);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Item(Utf8JsonWriter w, CookieManifest m, CookieItem i, PolicyTexts t)
    {
        w.WriteStartObject();
        w.WriteString("name", i.Name);
        w.WriteString("match", i.Match == NameMatch.Prefix ? "prefix" : "exact");
        w.WriteString("storage", ManifestValidator.StorageName(i.Storage));
        w.WriteString("party", i.Party == Party.Third ? "third" : "first");
        Nullable(w, "purpose", i.Purpose?.Get(t.Language));
        Duration(w, "duration", i.Duration, t);
        Nullable(w, "durationNote", i.DurationNote?.Get(t.Language));
        if (i.Provider is null)
        {
            w.WriteNull("provider");
        }
        else
        {
            w.WriteStartObject("provider");
            Provider(w, m.FindProvider(i.Provider), i.Provider);
            w.WriteEndObject();
        }

        w.WriteBoolean("consentRequired", m.RequiresConsent(i));
        w.WriteString("consentExempt", Kebab(i.ConsentExempt.ToString()));
        Strings(w, "environments", i.Environments);
        Nullable(w, "variantOf", i.VariantOf);
        w.WriteStartObject("attributes");
        var a = i.Attributes;
        NullableBool(w, "secure", a.Secure);
        NullableBool(w, "httpOnly", a.HttpOnly);
        NullableBool(w, "partitioned", a.Partitioned);
        Nullable(w, "sameSite", a.SameSite?.ToString().ToLowerInvariant());
        Nullable(w, "path", a.Path);
        Nullable(w, "domain", a.Domain);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Provider(Utf8JsonWriter w, Provider? p, string id)
    {
        w.WriteString("id", id);
        w.WriteString("name", p?.Name ?? id);
        Nullable(w, "privacyPolicy", p?.PrivacyPolicy?.ToString());
        Strings(w, "domains", p?.Domains ?? []);
    }

    private static void Duration(Utf8JsonWriter w, string name, CookieDuration d, PolicyTexts t)
    {
        w.WriteStartObject(name);
        w.WriteString("value", d.ToString());
        w.WriteString("kind", Kebab(d.Kind.ToString()));
        if (d.Length is { } length)
        {
            w.WriteNumber("seconds", (long)length.TotalSeconds);
        }
        else
        {
            w.WriteNull("seconds");
        }

        w.WriteString("text", t.Duration(d));
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void Nullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void NullableBool(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteBoolean(name, value.Value);
        }
    }

    /// <summary><c>UntilTabClosed</c> → <c>until-tab-closed</c>.</summary>
    internal static string Kebab(string pascal)
    {
        var sb = new StringBuilder();
        foreach (var ch in pascal)
        {
            if (char.IsUpper(ch) && sb.Length > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(ch));
        }

        return sb.ToString();
    }
}
