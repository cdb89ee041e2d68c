namespace Consentry.Server.Api;

/// <summary>An alert channel to add: <c>webhook</c> (target: the URL) or <c>email</c> (target: addresses separated by commas), for some sites and event types (none: all).</summary>
internal sealed record ChannelRequest(string? Kind, string? Name, string? Target, IReadOnlyList<string>? Sites, IReadOnlyList<string>? Events);
