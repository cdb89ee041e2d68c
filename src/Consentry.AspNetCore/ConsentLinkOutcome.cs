namespace Consentry.AspNetCore;

/// <summary>What linking a browser to an account did.</summary>
public enum ConsentLinkOutcome
{
    /// <summary>Neither the browser nor the account has a choice yet: the banner asks.</summary>
    NoChoice,

    /// <summary>The browser's choice is the account's latest (or its own receipt is still on the way): nothing changes.</summary>
    InSync,

    /// <summary>The browser's choice is newer than the account's, which now follows it.</summary>
    Linked,

    /// <summary>The account's latest choice was applied to the browser: a new consent cookie, and a receipt with method <c>linked</c>.</summary>
    Applied,

    /// <summary>The account's latest choice is for an older revision that asks again, or has outlived the consent cookie's lifetime: not applied, the banner asks.</summary>
    RenewalDue,
}
