using System.Net;
using System.Net.Sockets;

namespace Consentry.AspNetCore;

/// <summary>The one reading of a trusted reverse proxy as hosts name it (a flag, a configuration value): an IP address or a CIDR network.</summary>
public static class TrustedProxies
{
    /// <summary>"10.0.0.1" (one address) or "10.0.0.0/8"; <see cref="FormatException"/> saying what is expected otherwise.</summary>
    public static IPNetwork Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        return IPAddress.TryParse(text, out var address)
            ? new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
            : throw new FormatException($"'{text}' is not an IP address or CIDR network (such as 10.0.0.1 or 10.0.0.0/8).");
    }
}
