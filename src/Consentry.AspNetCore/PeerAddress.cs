using System.Net;

namespace Consentry.AspNetCore;

/// <summary>
/// The address the request's connection came from, taken before any middleware of the host's ran (forwarded-header
/// handling replaces <c>Connection.RemoteIpAddress</c> with the visitor's): whether a region header may be trusted
/// depends on who sent it, not on whom it claims to be for.
/// </summary>
internal sealed class PeerAddress(IPAddress? address)
{
    public IPAddress? Address { get; } = address;
}
