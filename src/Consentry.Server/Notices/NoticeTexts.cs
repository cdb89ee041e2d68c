namespace Consentry.Server.Notices;

/// <summary>The words around a notice, in the languages Consentry writes them in; the site's own words about the change come from its manifest.</summary>
/// <remarks>Dates are spelled out here, not by the runtime's cultures: the server runs with invariant globalization.</remarks>
internal sealed record NoticeTexts(string Subject, string Intro, string WhatChanged, string InDetail, string AskedAgain, string ReadPolicy, string Why, string DatePattern, string[] Months)
{
    /// <summary>A date as the language writes it: 30 November 2026, 30. November 2026, 30 novembre 2026.</summary>
    public string Date(DateOnly date) => DatePattern
        .Replace("{d}", date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{m}", Months[date.Month - 1], StringComparison.Ordinal)
        .Replace("{y}", date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public static readonly IReadOnlyDictionary<string, NoticeTexts> ByLanguage = new Dictionary<string, NoticeTexts>(StringComparer.Ordinal)
    {
        ["en"] = new(
            "{0}: we have updated our cookie policy",
            "We have made changes to our cookie policy that matter to you. They take effect on {0}.",
            "What changed",
            "In detail",
            "You will be asked for your consent again on your next visit.",
            "Read the full policy: {0}",
            "You receive this message because you have an account with {0}.",
            "{d} {m} {y}",
            ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]),
        ["de"] = new(
            "{0}: Wir haben unsere Cookie-Richtlinie aktualisiert",
            "Wir haben unsere Cookie-Richtlinie in Punkten geändert, die für Sie wichtig sind. Die Änderungen gelten ab dem {0}.",
            "Was sich geändert hat",
            "Im Einzelnen",
            "Bei Ihrem nächsten Besuch bitten wir Sie erneut um Ihre Einwilligung.",
            "Die vollständige Richtlinie: {0}",
            "Sie erhalten diese Nachricht, weil Sie ein Konto bei {0} haben.",
            "{d}. {m} {y}",
            ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"]),
        ["fr"] = new(
            "{0} : nous avons mis à jour notre politique relative aux cookies",
            "Nous avons modifié notre politique relative aux cookies sur des points qui vous concernent. Les changements s'appliquent à partir du {0}.",
            "Ce qui change",
            "En détail",
            "Nous vous demanderons à nouveau votre consentement lors de votre prochaine visite.",
            "Lire la politique complète : {0}",
            "Vous recevez ce message parce que vous avez un compte chez {0}.",
            "{d} {m} {y}",
            ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]),
    };

    /// <summary>The language a notice is written in: the recipient's (or its base, fr for fr-CH) when Consentry has it, else the site's, else English.</summary>
    public static string Choose(string recipientLanguage, string siteLanguage)
    {
        foreach (var candidate in new[] { recipientLanguage, recipientLanguage.Split('-')[0], siteLanguage, siteLanguage.Split('-')[0] })
        {
            if (ByLanguage.ContainsKey(candidate.ToLowerInvariant()))
            {
                return candidate.ToLowerInvariant();
            }
        }

        return "en";
    }
}
