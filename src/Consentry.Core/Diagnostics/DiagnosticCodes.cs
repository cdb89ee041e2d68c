namespace Consentry.Diagnostics;

/// <summary>The stable diagnostic codes. Documented in docs/diagnostics.md; never reuse a retired code.</summary>
public static class DiagnosticCodes
{
    /// <summary>The file is not well-formed YAML or JSON.</summary>
    public const string Syntax = "CN0001";
    /// <summary>A key the manifest format does not know.</summary>
    public const string UnknownKey = "CN0002";
    /// <summary>A value of the wrong shape (mapping, list or scalar).</summary>
    public const string WrongType = "CN0003";
    /// <summary>A required key is missing.</summary>
    public const string MissingKey = "CN0004";
    /// <summary>A value outside the allowed set or form.</summary>
    public const string InvalidValue = "CN0005";
    /// <summary>A duration that cannot be read.</summary>
    public const string InvalidDuration = "CN0006";
    /// <summary>A date that is not YYYY-MM-DD.</summary>
    public const string InvalidDate = "CN0007";
    /// <summary>A URL or e-mail address that is not well formed.</summary>
    public const string InvalidAddress = "CN0008";
    /// <summary>A key given twice in one mapping.</summary>
    public const string DuplicateKey = "CN0009";
    /// <summary>The file is larger than a manifest may be (1 MiB).</summary>
    public const string TooLarge = "CN0010";
    /// <summary>The file is not valid UTF-8.</summary>
    public const string InvalidEncoding = "CN0011";
    /// <summary>Mappings and lists nested deeper than a manifest may be (32 levels).</summary>
    public const string TooDeep = "CN0012";
    /// <summary>A second YAML document in the file.</summary>
    public const string ExtraDocument = "CN0013";
    /// <summary>A YAML tag the manifest format does not know.</summary>
    public const string UnknownTag = "CN0014";
    /// <summary>An alias used where it could multiply the document (inside an anchored value, or too many).</summary>
    public const string AliasAbuse = "CN0015";
    /// <summary>An item names a category that does not exist.</summary>
    public const string UnknownCategory = "CN0101";
    /// <summary>Two items with the same storage type and name.</summary>
    public const string DuplicateItem = "CN0102";
    /// <summary>A non-essential item without a purpose.</summary>
    public const string MissingPurpose = "CN0103";
    /// <summary>The consent cookie is not declared as an item.</summary>
    public const string ConsentCookieNotDeclared = "CN0104";
    /// <summary>Non-essential items exist but no consent cookie is named.</summary>
    public const string ConsentCookieMissing = "CN0105";
    /// <summary>A <c>__Host-</c> cookie with a Domain, without Secure, or with a Path other than /.</summary>
    public const string HostPrefix = "CN0106";
    /// <summary>A <c>__Secure-</c> cookie without Secure.</summary>
    public const string SecurePrefix = "CN0107";
    /// <summary>SameSite=None without Secure.</summary>
    public const string SameSiteNoneWithoutSecure = "CN0108";
    /// <summary>A cookie lifetime longer than browsers keep (400 days).</summary>
    public const string LifetimeOverBrowserCap = "CN0109";
    /// <summary>A consent lifetime over 13 months (CNIL).</summary>
    public const string ConsentLifetimeTooLong = "CN0110";
    /// <summary>An item or third party names a provider that is not declared.</summary>
    public const string UnknownProvider = "CN0111";
    /// <summary>No change history.</summary>
    public const string HistoryMissing = "CN0112";
    /// <summary>The consent cookie is not in a strictly necessary category.</summary>
    public const string ConsentCookieCategory = "CN0113";
    /// <summary>Cookie attributes on a storage key that is not a cookie.</summary>
    public const string AttributesOnStorage = "CN0114";
    /// <summary>A consent exemption that does not apply.</summary>
    public const string ExemptionMisused = "CN0115";
    /// <summary>A strictly necessary item without a purpose.</summary>
    public const string NecessaryWithoutPurpose = "CN0116";
    /// <summary>Global Privacy Control is set to be ignored.</summary>
    public const string GpcIgnored = "CN0117";
    /// <summary>A Partitioned cookie without Secure.</summary>
    public const string PartitionedWithoutSecure = "CN0118";
    /// <summary>A cookie name with characters a browser will not accept.</summary>
    public const string InvalidCookieName = "CN0119";
    /// <summary>The consent cookie's declared duration disagrees with the consent lifetime.</summary>
    public const string ConsentLifetimeMismatch = "CN0120";
    /// <summary>A non-essential item in the strictly necessary category's clothing: a known analytics or advertising name marked necessary.</summary>
    public const string NonEssentialMarkedNecessary = "CN0121";
    /// <summary>A language of the site with no built-in banner and policy text.</summary>
    public const string LanguageWithoutText = "CN0122";
    /// <summary>A text in the site's own words lacks a language the site's pages are in.</summary>
    public const string TextMissingLanguage = "CN0123";
    /// <summary>Provider blocking is on, but a provider that needs consent declares no domains to block.</summary>
    public const string BlockingWithoutDomains = "CN0124";
    /// <summary>The consent cookie's domain is not one a site can set a cookie for: not a host name, or a public suffix.</summary>
    public const string ConsentDomainInvalid = "CN0125";
    /// <summary>The consent cookie's domain covers none of the site's domains.</summary>
    public const string ConsentDomainNotSite = "CN0126";
    /// <summary>The Public Suffix List is not installed, so the consent cookie's domain could not be checked against it.</summary>
    public const string PublicSuffixListMissing = "CN0127";
    /// <summary>Provider blocking is on, but a consent-needing provider's domain overlaps the site's or a consent-free provider's, so it is not held there.</summary>
    public const string BlockingDomainOverlap = "CN0128";
    /// <summary>A key under 'regions' is no known group, country or subdivision.</summary>
    public const string UnknownRegion = "CN0129";
    /// <summary>Two groups under 'regions' both hold a region and give it different models, and nothing more specific settles it.</summary>
    public const string RegionConflict = "CN0130";
    /// <summary>A region whose law asks for opt-in consent (EEA, UK, Switzerland) is given a weaker model.</summary>
    public const string RegionWeakerThanLaw = "CN0131";
}
