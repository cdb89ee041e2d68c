namespace Consentry.Server.Notices;

/// <summary>The words around a notice, in every language Consentry writes policies in; the site's own words about the change come from its manifest, dates and direction from Core's texts.</summary>
internal sealed record NoticeTexts(string Subject, string Intro, string WhatChanged, string InDetail, string AskedAgain, string ReadPolicy, string Why)
{
    public static readonly IReadOnlyDictionary<string, NoticeTexts> ByLanguage = new Dictionary<string, NoticeTexts>(StringComparer.Ordinal)
    {
        ["en"] = new(
            "{0}: we have updated our cookie policy",
            "We have made changes to our cookie policy that matter to you. They take effect on {0}.",
            "What changed",
            "In detail",
            "You will be asked for your consent again on your next visit.",
            "Read the full policy: {0}",
            "You receive this message because you have an account with {0}."),
        ["de"] = new(
            "{0}: Wir haben unsere Cookie-Richtlinie aktualisiert",
            "Wir haben unsere Cookie-Richtlinie in Punkten geändert, die für Sie wichtig sind. Die Änderungen gelten ab dem {0}.",
            "Was sich geändert hat",
            "Im Einzelnen",
            "Bei Ihrem nächsten Besuch bitten wir Sie erneut um Ihre Einwilligung.",
            "Die vollständige Richtlinie: {0}",
            "Sie erhalten diese Nachricht, weil Sie ein Konto bei {0} haben."),
        ["fr"] = new(
            "{0} : nous avons mis à jour notre politique relative aux cookies",
            "Nous avons modifié notre politique relative aux cookies sur des points qui vous concernent. Les changements s'appliquent à partir du {0}.",
            "Ce qui change",
            "En détail",
            "Nous vous demanderons à nouveau votre consentement lors de votre prochaine visite.",
            "Lire la politique complète : {0}",
            "Vous recevez ce message parce que vous avez un compte chez {0}."),
        ["es"] = new(
            "{0}: hemos actualizado nuestra política de cookies",
            "Hemos modificado nuestra política de cookies en aspectos que le afectan. Los cambios se aplican a partir del {0}.",
            "Qué ha cambiado",
            "En detalle",
            "En su próxima visita le pediremos de nuevo su consentimiento.",
            "Lea la política completa: {0}",
            "Recibe este mensaje porque tiene una cuenta en {0}."),
        ["it"] = new(
            "{0}: abbiamo aggiornato la nostra cookie policy",
            "Abbiamo modificato la nostra cookie policy in punti che la riguardano. Le modifiche si applicano dal {0}.",
            "Che cosa è cambiato",
            "Nel dettaglio",
            "Alla sua prossima visita le chiederemo di nuovo il consenso.",
            "Legga la policy completa: {0}",
            "Riceve questo messaggio perché ha un account presso {0}."),
        ["nl"] = new(
            "{0}: we hebben ons cookiebeleid bijgewerkt",
            "We hebben ons cookiebeleid gewijzigd op punten die voor u van belang zijn. De wijzigingen gelden vanaf {0}.",
            "Wat er is veranderd",
            "In detail",
            "Bij uw volgende bezoek vragen we opnieuw om uw toestemming.",
            "Lees het volledige beleid: {0}",
            "U ontvangt dit bericht omdat u een account hebt bij {0}."),
        ["pt"] = new(
            "{0}: atualizámos a nossa política de cookies",
            "Alterámos a nossa política de cookies em aspetos que lhe dizem respeito. As alterações aplicam-se a partir de {0}.",
            "O que mudou",
            "Em pormenor",
            "Na sua próxima visita, voltaremos a pedir o seu consentimento.",
            "Leia a política completa: {0}",
            "Recebe esta mensagem porque tem uma conta em {0}."),
        ["pl"] = new(
            "{0}: zaktualizowaliśmy naszą politykę plików cookie",
            "Zmieniliśmy naszą politykę plików cookie w punktach, które Cię dotyczą. Zmiany obowiązują od {0}.",
            "Co się zmieniło",
            "Szczegóły",
            "Podczas następnej wizyty ponownie poprosimy Cię o zgodę.",
            "Pełna polityka: {0}",
            "Otrzymujesz tę wiadomość, ponieważ masz konto w {0}."),
        ["sv"] = new(
            "{0}: vi har uppdaterat vår cookiepolicy",
            "Vi har ändrat vår cookiepolicy på punkter som berör dig. Ändringarna gäller från och med {0}.",
            "Det här har ändrats",
            "I detalj",
            "Vid ditt nästa besök ber vi om ditt samtycke igen.",
            "Läs hela policyn: {0}",
            "Du får detta meddelande eftersom du har ett konto hos {0}."),
        ["da"] = new(
            "{0}: Vi har opdateret vores cookiepolitik",
            "Vi har ændret vores cookiepolitik på punkter, der har betydning for dig. Ændringerne gælder fra den {0}.",
            "Hvad der er ændret",
            "I detaljer",
            "Ved dit næste besøg beder vi dig om samtykke igen.",
            "Læs hele politikken: {0}",
            "Du modtager denne besked, fordi du har en konto hos {0}."),
        ["ar"] = new(
            "{0}: حدّثنا سياسة ملفات تعريف الارتباط",
            "أجرينا تغييرات على سياسة ملفات تعريف الارتباط تهمّك. تسري التغييرات اعتبارًا من {0}.",
            "ما الذي تغيّر",
            "بالتفصيل",
            "سنطلب موافقتك مجددًا في زيارتك القادمة.",
            "اقرأ السياسة كاملة: {0}",
            "تصلك هذه الرسالة لأن لديك حسابًا لدى {0}."),
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
