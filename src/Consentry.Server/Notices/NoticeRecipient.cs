namespace Consentry.Server.Notices;

/// <summary>An account holder to notify: the address (lower-cased, the key per run) and the language to write in.</summary>
internal sealed record NoticeRecipient(string Address, string Language);
