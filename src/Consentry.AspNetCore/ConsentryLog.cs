using Microsoft.Extensions.Logging;

namespace Consentry.AspNetCore;

/// <summary>Source-generated log messages with fixed event ids.</summary>
internal static partial class ConsentryLog
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Dropped Set-Cookie '{CookieName}': category '{Category}' is not granted by the visitor. Logged once per name.")]
    public static partial void CookieDropped(ILogger logger, string cookieName, string category);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Set-Cookie '{CookieName}' is not declared in the cookie manifest; declare it in {ManifestPath} so the policy, banner and enforcement know it. Logged once per name.")]
    public static partial void UndeclaredCookie(ILogger logger, string cookieName, string manifestPath);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "Consentry loaded {ManifestPath}: revision {Revision}, {ItemCount} items, banner {Banner}.")]
    public static partial void ManifestLoaded(ILogger logger, string manifestPath, int revision, int itemCount, string banner);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Information, Message = "Refused a consent receipt for site '{Site}' ({Status}): {Reason}")]
    public static partial void ReceiptRefused(ILogger logger, string site, int status, string reason);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Error, Message = "The ledger refuses to store receipts: {Reason} Every receipt is answered 503 until it recovers; this is logged once until then.")]
    public static partial void LedgerFailing(ILogger logger, string reason);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Information, Message = "The ledger stores receipts again, after {Refused} refused.")]
    public static partial void LedgerRecovered(ILogger logger, long refused);

    [LoggerMessage(EventId = 7107, Level = LogLevel.Warning, Message = "Created the ledger signing key {Path} (name '{Name}'): keep it secret and back it up, or move it to a secret store; every site's signed checkpoints and published log key depend on it.")]
    public static partial void SigningKeyCreated(ILogger logger, string path, string name);

    [LoggerMessage(EventId = 7108, Level = LogLevel.Warning, Message = "The checkpoint of site '{Site}' was not cosigned by the witness {Url}: {Problem}")]
    public static partial void WitnessRefused(ILogger logger, string site, string url, string problem);

    [LoggerMessage(EventId = 7109, Level = LogLevel.Information, Message = "Witness {Path}: refused a checkpoint ({Status}): {Reason}")]
    public static partial void WitnessAnswered(ILogger logger, string path, int status, string reason);

    [LoggerMessage(EventId = 7110, Level = LogLevel.Warning, Message = "The consent-aware Content-Security-Policy of site '{Site}' blocked {Blocked} ({Directive}) on {Page}: a provider the visitor has not granted, or one the manifest does not declare (add its domains to the provider, or to ConsentCspAllow). Logged once per host and directive.")]
    public static partial void CspBlocked(ILogger logger, string site, string blocked, string directive, string page);

    [LoggerMessage(EventId = 7111, Level = LogLevel.Information, Message = "Refused a CSP report for site '{Site}' ({Status}): {Reason}")]
    public static partial void CspReportRefused(ILogger logger, string site, int status, string reason);

    [LoggerMessage(EventId = 7112, Level = LogLevel.Error, Message = "The transparency log of site '{Site}' could not answer a proof: {Reason} Run 'consentry ledger verify --site {Site}'.")]
    public static partial void LogDamaged(ILogger logger, string site, string reason);
}
