using System.Globalization;
using System.Net;
using System.Text;
using Consentry.Manifests;
using Consentry.Policy;
using Consentry.Revisions;
using Consentry.Server.Sites;

namespace Consentry.Server.Notices;

/// <summary>
/// Renders the notice of a material revision from its diff with the revision before: the site's own summary of
/// the change (its history entry, in the recipient's language when the manifest has it), the changes the diff
/// classifies as material (in English notices), the effective date, whether consent is asked again, and the policy's link.
/// </summary>
internal static class NoticeRenderer
{
    public static NoticeMessage Render(SiteRevision revision, SiteRevision? previous, string language, Uri policyUrl)
    {
        var manifest = ManifestLoader.Parse(revision.Yaml, revision.FileName).GetValidManifest();
        var lang = NoticeTexts.Choose(language, manifest.Site.Language);
        var t = NoticeTexts.ByLanguage[lang];
        var culture = CultureInfo.InvariantCulture;
        var entry = manifest.History.Where(h => h.Material).OrderBy(h => h.Date).LastOrDefault();
        var effective = PolicyRenderer.FormatDate(entry?.Date ?? DateOnly.FromDateTime(revision.Uploaded.UtcDateTime), lang);
        var summary = entry?.Summary.Get(lang) ?? "";
        var details = lang == "en" && previous is not null
            ? ManifestComparer.Compare(ManifestLoader.Parse(previous.Yaml, previous.FileName).GetValidManifest(), manifest).Changes.Where(c => c.Kind == ChangeKind.Material).Select(c => $"{c.Subject}: {c.Description}").ToList()
            : [];
        var name = manifest.Site.Name;
        var subject = string.Format(culture, t.Subject, name);
        var text = new StringBuilder()
            .AppendLine(string.Format(culture, t.Intro, effective)).AppendLine()
            .AppendLine(t.WhatChanged + ":").AppendLine(summary).AppendLine();
        if (details.Count > 0)
        {
            text.AppendLine(t.InDetail + ":");
            details.ForEach(d => text.Append("- ").AppendLine(d));
            text.AppendLine();
        }

        if (revision.RenewedConsent)
        {
            text.AppendLine(t.AskedAgain).AppendLine();
        }

        text.AppendLine(string.Format(culture, t.ReadPolicy, policyUrl)).AppendLine().AppendLine("-- ").AppendLine(string.Format(culture, t.Why, name));
        return new NoticeMessage(lang, subject, text.ToString(), Html(lang, subject, t, culture, effective, summary, details, revision.RenewedConsent, policyUrl, name));
    }

    private static string Html(string lang, string subject, NoticeTexts t, CultureInfo culture, string effective, string summary, List<string> details, bool askedAgain, Uri policyUrl, string name)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var link = $"<a href=\"{E(policyUrl.ToString())}\">{E(policyUrl.ToString())}</a>";
        var html = new StringBuilder($"<!doctype html><html lang=\"{lang}\" dir=\"{PolicyRenderer.Direction(lang)}\"><head><meta charset=\"utf-8\"><title>{E(subject)}</title></head>")
            .Append("<body style=\"font-family:sans-serif;line-height:1.5;max-width:40em\">")
            .Append($"<p>{E(string.Format(culture, t.Intro, effective))}</p><h2 style=\"font-size:1.1em\">{E(t.WhatChanged)}</h2><p>{E(summary)}</p>");
        if (details.Count > 0)
        {
            html.Append($"<h3 style=\"font-size:1em\">{E(t.InDetail)}</h3><ul>");
            details.ForEach(d => html.Append($"<li>{E(d)}</li>"));
            html.Append("</ul>");
        }

        if (askedAgain)
        {
            html.Append($"<p>{E(t.AskedAgain)}</p>");
        }

        return html.Append($"<p>{string.Format(culture, E(t.ReadPolicy), link)}</p><hr><p style=\"color:#555;font-size:.9em\">{E(string.Format(culture, t.Why, name))}</p></body></html>").ToString();
    }
}
