namespace Consentry.AspNetCore;

/// <summary>The answer of <see cref="IConsentLinks.LinkAsync"/>.</summary>
public sealed record ConsentLinkResult
{
    /// <summary>What was done.</summary>
    public required ConsentLinkOutcome Outcome { get; init; }

    /// <summary>The browser's consent after it (the consent model and Global Privacy Control aside): what its cookie holds now or is about to.</summary>
    public required ConsentState Consent { get; init; }

    /// <summary>
    /// With <see cref="ConsentLinkOutcome.Applied"/>: the <c>Set-Cookie</c> header value the response must carry (the banner's
    /// own cookie format, readable by it, expiring when the applied choice does); otherwise null.
    /// </summary>
    public string? SetCookie { get; init; }
}
