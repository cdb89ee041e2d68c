using Consentry.Localization;
using Consentry.Manifests;

namespace Consentry.Policy;

/// <summary>Builds the <see cref="PolicyDocument"/> for a manifest in one language. All derivation lives here; renderers only render.</summary>
internal static class PolicyBuilder
{
    public static PolicyDocument Build(CookieManifest m, string language)
    {
        ArgumentNullException.ThrowIfNull(m);
        var t = PolicyTexts.For(language);
        var lang = t.Language;
        var sections = new List<PolicySection>
        {
            new("what-are-cookies", t["what_heading"], [new Paragraph(t["what_body"]), new Paragraph(t["what_similar"])]),
            CookiesWeUse(m, t),
        };
        if (m.ThirdParties.Count > 0)
        {
            sections.Add(ThirdParties(m, t));
        }

        if (m.Statements.WeDoNotUse.Count > 0)
        {
            var blocks = new List<PolicyBlock> { new BulletList([.. m.Statements.WeDoNotUse.Select(s => (IReadOnlyList<Inline>)[s.Get(lang)])]) };
            if (m.Statements.WeDoNotNote is { } note)
            {
                blocks.Add(new Paragraph(note.Get(lang)));
            }

            sections.Add(new PolicySection("what-we-dont-do", t["dont_heading"], blocks));
        }

        sections.Add(Choices(m, t));
        sections.Add(Signals(m, t));
        if (RegionalSection.Applies(m))
        {
            sections.Add(RegionalSection.Build(m, t));
        }

        sections.Add(Changes(m, t));
        sections.Add(Contact(m, t));

        var intro = new List<Inline> { m.Statements.Intro?.Get(lang) ?? t.Format("intro_default", ("site", m.Site.Name)) };
        if (m.Site.PrivacyPolicy is { } privacy)
        {
            intro.Add(" " + t["privacy_see_also"] + " ");
            intro.Add(new Inline(t["privacy_policy"], privacy.ToString()));
            intro.Add(".");
        }

        return new PolicyDocument(m, lang, t["title"], t["last_updated"], m.LastUpdated is { } d ? t.Date(d) : null, $"{t["revision"]} {m.Revision}", intro, sections) { Direction = t.Direction };
    }

    /// <summary>The derived statement about the banner: none when nothing needs consent (seed 000), else a first-visit banner.</summary>
    internal static string BannerStatement(CookieManifest m, PolicyTexts t) =>
        m.BannerRequired ? t["use_consent"] : t["use_only_necessary"];

    private static PolicySection CookiesWeUse(CookieManifest m, PolicyTexts t)
    {
        var blocks = new List<PolicyBlock> { new Paragraph(BannerStatement(m, t)) };
        if (!m.BannerRequired)
        {
            blocks.Add(new Paragraph(t["use_no_banner_future"]));
        }

        foreach (var c in m.Categories)
        {
            var items = m.AllItems.Where(i => i.Category == c.Id).ToList();
            if (items.Count == 0 && (c.Location is null || c.Description is null))
            {
                continue; // built-in category the site neither uses nor describes
            }

            var label = t.CategoryLabel(c);
            var consent = items.Count == 0 ? c.ConsentRequired : items.Any(m.RequiresConsent);
            blocks.Add(new SubHeading("category-" + c.Id, $"{label} — {t[consent ? "consent_required" : "consent_not_required"]}"));
            var description = t.CategoryDescription(c);
            if (description.Length > 0)
            {
                blocks.Add(new Paragraph(description));
            }

            if (items.Count == 0)
            {
                blocks.Add(new Paragraph(t["category_empty"]));
                continue;
            }

            var rows = items.Select(i => (IReadOnlyList<IReadOnlyList<Inline>>)
            [
                NameCell(i, t),
                [t.Storage(i.Storage)],
                PurposeCell(m, i, t),
                ProviderCell(m, i, t),
                [DurationText(i, t)],
            ]).ToList();
            blocks.Add(new Table(t.Format("table_caption", ("category", label)),
                [t["col_name"], t["col_type"], t["col_purpose"], t["col_provider"], t["col_duration"]], rows));
        }

        return new PolicySection("cookies-we-use", t["use_heading"], blocks);
    }

    private static List<Inline> NameCell(CookieItem i, PolicyTexts t)
    {
        var cell = new List<Inline> { new(i.DisplayName, Code: true) };
        if (i.Environments.Count > 0)
        {
            cell.Add(" (" + t.Format("env_only", ("environments", string.Join(", ", i.Environments))) + ")");
        }

        return cell;
    }

    private static List<Inline> PurposeCell(CookieManifest m, CookieItem i, PolicyTexts t)
    {
        var text = i.Purpose?.Get(t.Language) ?? "";
        var exemption = i.ConsentExempt switch
        {
            ConsentExemption.UserRequested when m.FindCategory(i.Category)?.ConsentRequired == true => t["exempt_user_requested"],
            ConsentExemption.AudienceMeasurement => t["exempt_audience_measurement"],
            _ => null,
        };
        return [exemption is null ? text : $"{text} {exemption}".Trim()];
    }

    private static List<Inline> ProviderCell(CookieManifest m, CookieItem i, PolicyTexts t)
    {
        var provider = m.FindProvider(i.Provider);
        var cell = new List<Inline> { provider is null ? m.Site.Name : new Inline(provider.Name, provider.PrivacyPolicy?.ToString()) };
        if (i.Party == Party.Third)
        {
            cell.Add($" ({t["third_party_suffix"]})");
        }

        return cell;
    }

    internal static string DurationText(CookieItem i, PolicyTexts t)
    {
        var text = t.Duration(i.Duration);
        return i.DurationNote is { } note ? $"{text} {note.Get(t.Language)}" : text;
    }

    private static PolicySection ThirdParties(CookieManifest m, PolicyTexts t)
    {
        var blocks = new List<PolicyBlock> { new Paragraph(t["third_intro"]) };
        var list = new List<IReadOnlyList<Inline>>();
        foreach (var n in m.ThirdParties)
        {
            var p = m.FindProvider(n.Provider);
            var runs = new List<Inline> { new($"{p?.Name ?? n.Provider}: "), n.When.Get(t.Language) };
            if (p?.PrivacyPolicy is { } url)
            {
                runs.Add(" (");
                runs.Add(new Inline(t.Format("third_policy_link", ("provider", p.Name)), url.ToString()));
                runs.Add(")");
            }

            list.Add(runs);
        }

        blocks.Add(new BulletList(list));
        return new PolicySection("third-party-cookies", t["third_heading"], blocks);
    }

    private static PolicySection Choices(CookieManifest m, PolicyTexts t)
    {
        var blocks = new List<PolicyBlock>();
        if (m.BannerRequired)
        {
            var c = m.Consent;
            var label = c.SettingsLabel?.Get(t.Language) ?? t["settings_label"];
            var key = c.SettingsLink switch
            {
                SettingsLinkPlacement.FloatingButton => "choices_floating_button",
                SettingsLinkPlacement.Both => "choices_both",
                SettingsLinkPlacement.AccountSettings => "choices_account_settings",
                _ => "choices_footer",
            };
            blocks.Add(new Paragraph(t.Format(key, ("label", label))));
            blocks.Add(new Paragraph(t["choices_withdraw"]));
            if (c.Cookie is not null)
            {
                blocks.Add(new Paragraph(t.Format("choices_stored", ("cookie", c.Cookie), ("lifetime", t.Duration(c.Lifetime)))));
            }
        }
        else
        {
            blocks.Add(new Paragraph(t["choices_no_banner"]));
        }

        blocks.Add(new SubHeading("browser-settings", t["browser_heading"]));
        blocks.Add(new Paragraph(t["browser_intro"]));
        blocks.Add(new BulletList([[t["browser_chrome"]], [t["browser_firefox"]], [t["browser_safari"]], [t["browser_edge"]]]));
        if (m.Statements.BrowserNote is { } note)
        {
            blocks.Add(new Paragraph(note.Get(t.Language)));
        }

        return new PolicySection("your-choices", t["choices_heading"], blocks);
    }

    private static PolicySection Signals(CookieManifest m, PolicyTexts t)
    {
        var c = m.Consent;
        var dnt = m.Statements.DoNotTrack?.Get(t.Language) ?? t[c.DoNotTrack == SignalTreatment.Honour ? "dnt_honour" : "dnt_ignore"];
        var hasMarketing = m.AllItems.Any(i => i.Category == BuiltInCategories.Marketing);
        var gpc = c.GlobalPrivacyControl != SignalTreatment.Ignore ? t[hasMarketing ? "gpc_honour" : "gpc_honour_no_marketing"]
            : RegionalSection.HasOptOut(m) ? t.Format("gpc_ignore_optout", ("heading", t["region_heading"]))
            : t["gpc_ignore"];
        return new PolicySection("do-not-track", t["signals_heading"], [new Paragraph(dnt), new Paragraph(gpc)]);
    }

    private static PolicySection Changes(CookieManifest m, PolicyTexts t)
    {
        var blocks = new List<PolicyBlock> { new Paragraph(t["changes_body"]) };
        if (m.BannerRequired)
        {
            blocks.Add(new Paragraph(t["changes_reconsent"]));
        }

        if (m.Statements.Changes is { } changes)
        {
            blocks.Add(new Paragraph(changes.Get(t.Language)));
        }

        var revision = 0;
        var rows = new List<IReadOnlyList<IReadOnlyList<Inline>>>();
        foreach (var h in m.History)
        {
            revision += h.Material ? 1 : 0;
            rows.Add([[t.Date(h.Date)], [h.Material ? revision.ToString(System.Globalization.CultureInfo.InvariantCulture) : "—"], [h.Summary.Get(t.Language)]]);
        }

        rows.Reverse();
        if (rows.Count > 0)
        {
            blocks.Add(new Table(t["history_caption"], [t["col_date"], t["revision"], t["col_change"]], rows));
        }

        return new PolicySection("changes", t["changes_heading"], blocks);
    }

    private static PolicySection Contact(CookieManifest m, PolicyTexts t)
    {
        var blocks = new List<PolicyBlock> { new Paragraph(t["contact_intro"]) };
        var lines = new List<IReadOnlyList<Inline>>();
        var contact = m.Site.Contact;
        var who = contact.Name ?? m.Site.Owner;
        if (who is not null)
        {
            lines.Add([who]);
        }

        if (contact.Email is { } email)
        {
            lines.Add([$"{t["contact_email"]}: ", new Inline(email, "mailto:" + email)]);
        }

        if (contact.Url is { } url)
        {
            lines.Add([$"{t["contact_web"]}: ", new Inline(url.ToString(), url.ToString())]);
        }

        blocks.Add(new BulletList(lines));
        var related = new List<Inline>();
        if (m.Site.PrivacyPolicy is { } privacy)
        {
            related.Add(new Inline(t["privacy_policy"], privacy.ToString()));
        }

        if (m.Site.Terms is { } terms)
        {
            if (related.Count > 0)
            {
                related.Add(" · ");
            }

            related.Add(new Inline(t["terms"], terms.ToString()));
        }

        if (related.Count > 0)
        {
            related.Insert(0, t["related"] + ": ");
            blocks.Add(new Paragraph(related));
        }

        return new PolicySection("contact", t["contact_heading"], blocks);
    }
}
