namespace Consentry.Manifests.Parsing;

/// <summary>
/// The keys each manifest section accepts. The parser rejects others; a test checks the published
/// JSON Schema lists exactly these.
/// </summary>
internal static class ManifestKeys
{
    public static readonly string[] Root = ["consentry", "site", "categories", "providers", "items", "third_parties", "consent", "statements", "banner", "regions", "history"];
    public static readonly string[] Site = ["name", "domains", "owner", "contact", "privacy_policy", "terms", "language", "languages"];
    public static readonly string[] Contact = ["name", "email", "url"];
    public static readonly string[] Category = ["label", "description", "consent"];
    public static readonly string[] Provider = ["name", "privacy_policy", "domains"];
    public static readonly string[] Item = ["name", "type", "category", "purpose", "duration", "duration_note", "provider", "party", "attributes", "environments", "variants", "consent_exempt"];
    public static readonly string[] Attributes = ["secure", "http_only", "same_site", "path", "domain", "partitioned"];
    public static readonly string[] Variant = ["name", "environments", "attributes", "purpose", "duration"];
    public static readonly string[] ThirdParty = ["provider", "when"];
    public static readonly string[] Consent = ["cookie", "lifetime", "settings_link", "settings_label", "do_not_track", "global_privacy_control", "google_consent_mode", "blocking", "domain"];
    public static readonly string[] Statements = ["intro", "we_do_not_use", "we_do_not_note", "changes", "do_not_track", "browser_note"];
    public static readonly string[] History = ["date", "material", "summary"];
    public static readonly string[] Banner = ["title", "body", "accept_all", "reject_all", "customise", "save", "policy", "always_on", "gpc", "allow_content", "blocked_content", "close", "renewed", "optout_title", "optout_body", "optout_reject_all", "optout_settings", "notice_body"];

    /// <summary>Every section by the name the schema's definitions use.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> BySection = new Dictionary<string, string[]>
    {
        ["root"] = Root,
        ["site"] = Site,
        ["contact"] = Contact,
        ["category"] = Category,
        ["provider"] = Provider,
        ["item"] = Item,
        ["attributes"] = Attributes,
        ["variant"] = Variant,
        ["thirdParty"] = ThirdParty,
        ["consent"] = Consent,
        ["statements"] = Statements,
        ["historyEntry"] = History,
        ["banner"] = Banner,
    };
}
