namespace Consentry.Server.Api;

/// <summary>An account whose link to a consent is to be forgotten (e.g. the account was deleted).</summary>
internal sealed record AccountForgetRequest(string? AccountId);
