/// <summary>The two pages: the same article, each with its banner set up as its docs say.</summary>
internal static class Pages
{
    private const string Article = "<main><h1>Pricing</h1><p>Plans for teams of every size. Start free, upgrade when you need more seats, storage or support.</p></main>";

    /// <summary>Consentry's page, with the tags <see cref="Consentry.AspNetCore.ConsentrySite.ScriptTag"/> gives a site.</summary>
    public static string Consentry(string tags) => $"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Pricing</title>
        {tags}</head><body>{Article}</body></html>
        """;

    public static void Write(string root, string theirs)
    {
        var cc = Directory.CreateDirectory(Path.Combine(root, "cc")).FullName;
        File.Copy(Path.Combine(theirs, "cookieconsent.umd.js"), Path.Combine(cc, "cookieconsent.umd.js"));
        File.Copy(Path.Combine(theirs, "cookieconsent.css"), Path.Combine(cc, "cookieconsent.css"));
        File.WriteAllText(Path.Combine(root, "cookieconsent.html"), $$"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Pricing</title>
            <link rel="stylesheet" href="/cc/cookieconsent.css"></head><body>{{Article}}
            <script src="/cc/cookieconsent.umd.js"></script>
            <script>
            CookieConsent.run({
              hideFromBots: false, // Playwright's Chromium says navigator.webdriver; a visitor's does not
              categories: { necessary: { enabled: true, readOnly: true }, analytics: {} },
              language: { default: 'en', translations: { en: {
                consentModal: { title: 'Cookies on ClaimCMR', description: 'We use cookies for product analytics.', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Customise' },
                preferencesModal: { title: 'Cookie settings', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save', sections: [
                  { title: 'Strictly necessary', linkedCategory: 'necessary' }, { title: 'Analytics', linkedCategory: 'analytics' } ] } } } }
            });
            </script></body></html>
            """);
    }

    public static string Repo()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Consentry.slnx")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("Run from inside the repository.");
        }

        return dir;
    }
}
