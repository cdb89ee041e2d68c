namespace Consentry.Server.Notifications;

/// <summary>Checks a channel as entered: its kind, name, target and event types; the problem in words, or null.</summary>
internal static class ChannelInput
{
    public static string? Problem(string? kind, string? name, string? target, IReadOnlyList<string> events)
    {
        if (kind is not (ChannelKinds.Webhook or ChannelKinds.Email))
        {
            return $"The kind must be '{ChannelKinds.Webhook}' or '{ChannelKinds.Email}'.";
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            return "Give the channel a name of 1 to 100 characters.";
        }

        if (events.FirstOrDefault(e => !EventTypes.All.Contains(e)) is { } unknown)
        {
            return $"There is no event type '{unknown}'; the types are {string.Join(", ", EventTypes.All)}.";
        }

        return kind == ChannelKinds.Webhook ? UrlProblem(target) : AddressProblem(target);
    }

    private static string? UrlProblem(string? target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" && string.IsNullOrEmpty(url.UserInfo) && target!.Length <= 2000
            ? null
            : "The webhook's URL must be an absolute http:// or https:// address (no user name in it), such as https://example.com/hooks/consentry.";

    private static string? AddressProblem(string? target)
    {
        var addresses = (target ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (addresses.Length is 0 or > 50)
        {
            return "Give 1 to 50 e-mail addresses, separated by commas.";
        }

        var bad = addresses.FirstOrDefault(a => !MimeKit.MailboxAddress.TryParse(a, out var m) || !m.Address.Contains('@', StringComparison.Ordinal));
        return bad is null ? null : $"'{bad}' is not an e-mail address.";
    }
}
