namespace Consentry.Server.Api;

/// <summary>One account holder in a recipients request: the e-mail address and the language (a tag such as en, de or fr-CH; the site's language when left out).</summary>
internal sealed record NoticeRecipientRequest(string Address, string? Language);
