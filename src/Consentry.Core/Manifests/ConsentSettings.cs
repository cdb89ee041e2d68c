using Consentry.Diagnostics;

namespace Consentry.Manifests;

/// <summary>How consent is asked for, stored and withdrawn.</summary>
public sealed record ConsentSettings
{
    /// <summary>The cookie that stores the visitor's choice; must be declared as a necessary item.</summary>
    public string? Cookie { get; init; }
    /// <summary>How long a choice is kept. Default 6 months (CNIL's recommendation for asking again).</summary>
    public CookieDuration Lifetime { get; init; } = new(DurationKind.Fixed, 6, DurationUnit.Month);
    /// <summary>The days the consent cookie keeps a choice after it was made: <see cref="Lifetime"/>, at least one (182 for a lifetime without a length).</summary>
    public int CookieDays => Math.Max(1, (int)(Lifetime.Length ?? TimeSpan.FromDays(182)).TotalDays);
    /// <summary>Where the "Cookie settings" control is. Default footer.</summary>
    public SettingsLinkPlacement SettingsLink { get; init; }
    /// <summary>The control's label; default localised "Cookie settings".</summary>
    public LocalizedText? SettingsLabel { get; init; }
    /// <summary>How Do Not Track is treated. Default ignore (it has no legal force), stated in the policy.</summary>
    public SignalTreatment DoNotTrack { get; init; } = SignalTreatment.Ignore;
    /// <summary>How Global Privacy Control is treated. Default honour (legally binding in many US states).</summary>
    public SignalTreatment GlobalPrivacyControl { get; init; } = SignalTreatment.Honour;
    /// <summary>Whether the banner drives Google Consent Mode v2. Default false.</summary>
    public bool GoogleConsentMode { get; init; }
    /// <summary>Whether requests to providers the visitor has not granted are blocked in the browser. Default none.</summary>
    public ProviderBlocking Blocking { get; init; }
    /// <summary>Where the <c>blocking</c> key is.</summary>
    public SourceLocation? BlockingLocation { get; init; }
    /// <summary>
    /// The domain the consent cookie is set for (e.g. <c>example.com</c>), so one choice counts on every subdomain of it
    /// the site owns; null for a cookie of the exact host, the default.
    /// </summary>
    public string? Domain { get; init; }
    /// <summary>Where the <c>domain</c> key is.</summary>
    public SourceLocation? DomainLocation { get; init; }
    /// <summary>Where the section is declared, or null when the manifest has none.</summary>
    public SourceLocation? Location { get; init; }
    /// <summary>Where the <c>cookie</c> key is, for diagnostics about it.</summary>
    public SourceLocation? CookieLocation { get; init; }
    /// <summary>Where the <c>lifetime</c> key is.</summary>
    public SourceLocation? LifetimeLocation { get; init; }
}
