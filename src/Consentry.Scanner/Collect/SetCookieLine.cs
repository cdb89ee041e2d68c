using System.Globalization;

namespace Consentry.Scanner.Collect;

/// <summary>Reads what a raw Set-Cookie line asks for: its name and its lifetime.</summary>
internal static class SetCookieLine
{
    public static string Name(string line)
    {
        var pair = line.Split(';', 2)[0];
        var eq = pair.IndexOf('=', StringComparison.Ordinal);
        return (eq < 0 ? "" : pair[..eq]).Trim();
    }

    /// <summary>Seconds the cookie asks to live: Max-Age wins over Expires (RFC 6265 §5.3); null for a session cookie.</summary>
    public static double? RequestedLifetime(string line, DateTimeOffset responseDate)
    {
        double? fromExpires = null;
        foreach (var part in line.Split(';').Skip(1))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                continue;
            }

            var key = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim();
            if (key.Equals("max-age", StringComparison.OrdinalIgnoreCase) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var maxAge))
            {
                return Math.Max(0, maxAge);
            }

            if (key.Equals("expires", StringComparison.OrdinalIgnoreCase) && DateTimeOffset.TryParse(value.Replace('-', ' '), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires))
            {
                fromExpires = Math.Max(0, (expires - responseDate).TotalSeconds);
            }
        }

        return fromExpires;
    }
}
