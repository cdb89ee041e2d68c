namespace Consentry.Server.Api;

/// <summary>A browser's consent as the account-link API reports it: granted categories and services, sorted.</summary>
internal sealed record AccountLinkConsent(string? ConsentId, int Revision, IReadOnlyList<string> Categories, IReadOnlyList<string> Services, string? Method, DateTimeOffset? UpdatedAt)
{
    public static AccountLinkConsent Of(Consentry.AspNetCore.ConsentState state) => new(
        state.ConsentId,
        state.Revision,
        [.. state.Categories.Order(StringComparer.Ordinal)],
        [.. state.Services.Order(StringComparer.Ordinal)],
        state.Method,
        state.UpdatedAt);
}
