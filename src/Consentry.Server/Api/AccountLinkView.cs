namespace Consentry.Server.Api;

/// <summary>
/// What linking did (<c>noChoice</c>, <c>inSync</c>, <c>linked</c>, <c>applied</c>, <c>renewalDue</c>), the browser's
/// consent after it, and with <c>applied</c> the <c>Set-Cookie</c> header value the host's response must carry.
/// </summary>
internal sealed record AccountLinkView(Consentry.AspNetCore.ConsentLinkOutcome Outcome, AccountLinkConsent Consent, string? SetCookie);
