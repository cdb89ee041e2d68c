using System.Text;
using System.Text.Json;
using Consentry.Localization;
using Consentry.Manifests;
using Consentry.Regions;
using Consentry.Validation;

namespace Consentry.Banner;

/// <summary>
/// Writes the banner's configuration (<c>consentry-banner/1</c>) from a manifest: categories, services,
/// the items to delete on refusal, consent cookie, revision, signals and texts in the languages in use.
/// The banner reads nothing else, so it can never drift from the policy.
/// </summary>
public static class BannerConfigWriter
{
    /// <summary>
    /// The configuration as JSON. <paramref name="policyUrl"/> is linked from the banner; receipts go to
    /// <paramref name="receiptUrl"/> naming <paramref name="policyHash"/>; <paramref name="logKey"/>, when the ledger
    /// signs checkpoints, is the verifier key of the site's transparency log (published so anyone can check it).
    /// </summary>
    public static string Write(CookieManifest manifest, string policyUrl, string? receiptUrl = null, string? policyHash = null, string? logKey = null) =>
        Write(manifest, policyUrl, receiptUrl, policyHash, logKey, null);

    /// <summary>
    /// The configuration as <see cref="Write(CookieManifest, string, string?, string?, string?)"/> writes it, with texts
    /// only in the languages in use: the manifest's <c>site.language</c> and <c>site.languages</c>, English (the last
    /// fallback), and <paramref name="visitorLanguages"/> (the visitor's browser languages, e.g. from Accept-Language),
    /// each where Consentry has built-in text; null for every built-in language. <paramref name="model"/> is the consent
    /// model of the visitor's region (<see cref="CookieManifest.ConsentModelFor"/>): under <c>opt-out</c>, <c>notice</c>
    /// and <c>none</c> the configuration names the categories granted before any choice (<c>pre</c>); <c>opt-out</c>
    /// honours Global Privacy Control whatever the manifest says and words the banner as the opt-out notice;
    /// <c>none</c> shows no banner.
    /// </summary>
    public static string Write(CookieManifest manifest, string policyUrl, string? receiptUrl, string? policyHash, string? logKey, IEnumerable<string>? visitorLanguages, ConsentModel model = ConsentModel.OptIn)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentException.ThrowIfNullOrEmpty(policyUrl);
        var m = manifest;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("schema", "consentry-banner/1");
            w.WriteString("site", m.Site.Name);
            w.WriteNumber("revision", m.Revision);
            w.WriteBoolean("bannerRequired", m.BannerRequired && model != ConsentModel.None);
            if (model != ConsentModel.OptIn)
            {
                // Before any choice these categories are on: the law of the visitor's region does not ask first.
                w.WriteString("model", ConsentModelNames.Of(model));
                w.WriteStartArray("pre");
                foreach (var c in m.OfferedCategories.Where(c => c.ConsentRequired))
                {
                    w.WriteStringValue(c.Id);
                }

                w.WriteEndArray();
            }

            w.WriteString("policyUrl", policyUrl);
            if (receiptUrl is not null && policyHash is not null)
            {
                w.WriteString("receiptUrl", receiptUrl);
                w.WriteString("policyHash", policyHash);
            }

            if (logKey is not null)
            {
                w.WriteString("logKey", logKey);
            }

            w.WriteStartObject("cookie");
            w.WriteString("name", m.Consent.Cookie ?? BannerProtocol.DefaultConsentCookie);
            w.WriteNumber("days", m.Consent.CookieDays);
            if (m.Consent.Domain is { } cookieDomain)
            {
                w.WriteString("domain", cookieDomain);
            }

            w.WriteEndObject();
            w.WriteString("settingsLink", m.Consent.SettingsLink switch
            {
                SettingsLinkPlacement.FloatingButton => "floating-button",
                SettingsLinkPlacement.Both => "both",
                SettingsLinkPlacement.AccountSettings => "account-settings",
                _ => "footer",
            });
            // Under an opt-out law Global Privacy Control is the visitor's opt-out: honoured whatever the manifest says.
            w.WriteBoolean("gpc", m.Consent.GlobalPrivacyControl == SignalTreatment.Honour || model == ConsentModel.OptOut);
            w.WriteBoolean("dnt", m.Consent.DoNotTrack == SignalTreatment.Honour);
            w.WriteBoolean("googleConsentMode", m.Consent.GoogleConsentMode);
            w.WriteString("defaultLanguage", m.Site.Language);

            w.WriteStartArray("categories");
            foreach (var c in m.OfferedCategories)
            {
                var items = m.AllItems.Where(i => i.Category == c.Id).ToList();
                var needsConsent = items.Where(m.RequiresConsent).ToList();

                w.WriteStartObject();
                w.WriteString("id", c.Id);
                w.WriteBoolean("locked", !c.ConsentRequired);
                w.WriteStartArray("services");
                foreach (var id in needsConsent.Select(i => i.Provider).OfType<string>().Distinct())
                {
                    w.WriteStringValue(id);
                }

                w.WriteEndArray();
                w.WriteStartArray("items");
                foreach (var i in needsConsent)
                {
                    w.WriteStartObject();
                    w.WriteString("n", i.Name);
                    w.WriteBoolean("p", i.Match == NameMatch.Prefix);
                    w.WriteString("t", ManifestValidator.StorageName(i.Storage));
                    if (i.Attributes.Domain is { } domain)
                    {
                        w.WriteString("d", domain);
                    }

                    if (i.Attributes.Path is { } path && path != "/")
                    {
                        w.WriteString("path", path);
                    }

                    if (i.Provider is { } provider)
                    {
                        w.WriteString("s", provider);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("services");
            foreach (var p in m.ProvidersNeedingConsent)
            {
                w.WriteString(p.Id, p.Name);
            }

            w.WriteEndObject();
            w.WriteStartObject("texts");
            foreach (var lang in TextLanguages(m, visitorLanguages))
            {
                Texts(w, m, PolicyTexts.For(lang), model);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The words a model other than opt-in puts in place of <paramref name="key"/> (the opt-out notice with its "Do not
    /// sell or share" choice and "Your privacy choices" link, the notice's body): the manifest's own
    /// (<c>banner.optout_reject_all</c>, …) or Consentry's; null where the consent banner's words stand.
    /// </summary>
    private static string? ModelWords(PolicyTexts t, CookieManifest m, ConsentModel model, string key) => (model, key) switch
    {
        (ConsentModel.OptOut, "title" or "body" or "reject_all" or "settings") => SiteWords(t, m, "optout_" + key),
        (ConsentModel.Notice, "body") => SiteWords(t, m, "notice_body"),
        _ => null,
    };

    /// <summary>The banner text <paramref name="key"/> in <paramref name="t"/>'s language: the manifest's <c>banner</c> words where it gives them (in this language, else the site's), else Consentry's.</summary>
    internal static string SiteWords(PolicyTexts t, CookieManifest m, string key) =>
        m.BannerTexts.TryGetValue(key, out var own) ? own.Get(t.Language).Replace("{site}", m.Site.Name, StringComparison.Ordinal) : t.Format("banner_" + key, ("site", m.Site.Name));

    private static IEnumerable<string> TextLanguages(CookieManifest m, IEnumerable<string>? visitorLanguages)
    {
        if (visitorLanguages is null)
        {
            return PolicyTexts.Languages;
        }

        var wanted = new[] { m.Site.Language, "en" }.Concat(m.Site.Languages).Concat(visitorLanguages)
            .Select(l => l.Split('-')[0].ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        return PolicyTexts.Languages.Where(wanted.Contains);
    }

    private static void Texts(Utf8JsonWriter w, CookieManifest m, PolicyTexts t, ConsentModel model)
    {
        w.WriteStartObject(t.Language);
        foreach (var key in new[] { "accept_all", "reject_all", "customise", "save", "policy", "always_on", "gpc", "allow_content", "blocked_content", "close", "title", "body" })
        {
            w.WriteString(key, ModelWords(t, m, model, key) ?? SiteWords(t, m, key));
        }

        w.WriteString("settings", ModelWords(t, m, model, "settings") ?? m.Consent.SettingsLabel?.Get(t.Language) ?? t["banner_settings"]);
        if (m.Revision > 1 && m.History.Where(h => h.Material).MaxBy(h => h.Date) is { } latest)
        {
            // After a material change (revision 2 on): what returning visitors of a site without a banner are told once,
            // and what the banner says when the new revision asks a visitor again.
            w.WriteString("updated", t.Format("banner_updated", ("date", latest.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))) + " " + latest.Summary.Get(t.Language));
            w.WriteString("renewed", SiteWords(t, m, "renewed") + " " + latest.Summary.Get(t.Language));
        }

        w.WriteStartObject("categories");
        foreach (var c in m.Categories)
        {
            w.WriteStartArray(c.Id);
            w.WriteStringValue(t.CategoryLabel(c));
            w.WriteStringValue(t.CategoryDescription(c));
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
