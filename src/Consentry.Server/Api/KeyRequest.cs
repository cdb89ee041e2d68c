namespace Consentry.Server.Api;

/// <summary>A new API key: what it is for, which sites it may use (empty or <c>*</c>: all) and its access level (read, write or admin).</summary>
/// <param name="Name">What it is for.</param>
/// <param name="Sites">Site ids.</param>
/// <param name="Access">read, write or admin.</param>
internal sealed record KeyRequest(string Name, IReadOnlyList<string>? Sites, string Access);
