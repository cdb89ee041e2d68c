using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Consentry.AspNetCore;

/// <summary>
/// Reads the consent cookie the banner writes: URL-encoded JSON
/// <c>{"v":1,"id":…,"r":revision,"c":[categories],"s":[services],"t":ms,"u":ms,"m":method,"l":lang}</c>.
/// A missing, malformed or stale (older revision) cookie grants only the locked categories. It runs for every
/// request of a page that sets a cookie, so it decodes the percent-escapes straight into UTF-8 and reads them in
/// one forward pass, without a document or a second string.
/// </summary>
internal static class ConsentCookieReader
{
    private const int MaxLength = 4096;

    public static ConsentState Read(string? value, int revision, IReadOnlyList<string> locked)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return None(locked);
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(value.Length));
        try
        {
            return Parse(Unescape(value, rented), revision, new HashSet<string>(locked, StringComparer.Ordinal)) ?? None(locked);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return None(locked);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>No choice: the locked categories only.</summary>
    private static ConsentState None(IReadOnlyList<string> locked) => new() { Categories = new HashSet<string>(locked, StringComparer.Ordinal) };

    /// <summary>The fields of the cookie's JSON object; null when it is not a current version-1 choice.</summary>
    private static ConsentState? Parse(ReadOnlySpan<byte> json, int revision, HashSet<string> categories)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 4 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        int? version = null, revisionSeen = null;
        string? id = null, method = null;
        long? given = null, updated = null, leaf = null;
        var services = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            switch (name)
            {
                case [(byte)'v']: version = Int(ref reader); break;
                case [(byte)'r']: revisionSeen = Int(ref reader); break;
                case [(byte)'i', (byte)'d']: id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; break;
                case [(byte)'m']: method = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; break;
                case [(byte)'c']: Strings(ref reader, categories); break;
                case [(byte)'s']: Strings(ref reader, services); break;
                case [(byte)'t']: given = Long(ref reader); break;
                case [(byte)'u']: updated = Long(ref reader); break;
                case [(byte)'x']: leaf = Long(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        // Anything after the object (Read throws on it) makes the cookie malformed, as a whole-document parse would.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || version != 1 || revisionSeen is not { } r || r < revision || id is null)
        {
            return null;
        }

        return new ConsentState
        {
            ConsentId = id,
            Revision = r,
            Categories = categories,
            Services = services,
            Method = method,
            GivenAt = Time(given),
            UpdatedAt = Time(updated),
            LeafIndex = leaf is >= 0 ? leaf : null,
        };
    }

    /// <summary>
    /// The visitor's choice from the cookie <paramref name="name"/> in the request's Cookie header(s), each value read
    /// through the site's <paramref name="cache"/>. A browser can send two of that name (a host-only one from before the
    /// site set <c>consent.domain</c>, and the domain-wide one, until the banner removes the older): the most recently
    /// changed current choice counts, as the banner decides. Found by scanning, without collecting the other cookies.
    /// </summary>
    public static ConsentState ReadLatest(Microsoft.Extensions.Primitives.StringValues cookieHeaders, string name, ConsentCookieCache cache)
    {
        ConsentState? latest = null;
        foreach (var header in cookieHeaders)
        {
            var rest = header.AsSpan();
            while (Next(ref rest, name, out var value))
            {
                latest = Later(latest, cache.Read(value));
            }
        }

        return latest ?? cache.NoChoice;
    }

    /// <summary>Of raw consent cookie values, the most recently changed current choice; no choice when none is.</summary>
    public static ConsentState ReadLatest(IEnumerable<string> values, int revision, IReadOnlyList<string> locked)
    {
        ConsentState? latest = null;
        foreach (var value in values)
        {
            latest = Later(latest, Read(value, revision, locked));
        }

        return latest ?? None(locked);
    }

    /// <summary>Of the latest current choice so far and <paramref name="state"/>, the one changed last (a state without a choice never counts).</summary>
    private static ConsentState? Later(ConsentState? latest, ConsentState state) =>
        state.ConsentId is not null && (latest is null || state.UpdatedAt > latest.UpdatedAt) ? state : latest;

    /// <summary>The raw values of the cookie <paramref name="name"/> in the request's Cookie header(s), in the order sent.</summary>
    public static List<string> Find(Microsoft.Extensions.Primitives.StringValues cookieHeaders, string name)
    {
        var found = new List<string>();
        foreach (var header in cookieHeaders)
        {
            var rest = header.AsSpan();
            while (Next(ref rest, name, out var value))
            {
                found.Add(value.ToString());
            }
        }

        return found;
    }

    /// <summary>The next value of the cookie <paramref name="name"/> in <paramref name="rest"/> (a Cookie header), unquoted; false when there is none.</summary>
    private static bool Next(ref ReadOnlySpan<char> rest, string name, out ReadOnlySpan<char> value)
    {
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf(';');
            var pair = (end < 0 ? rest : rest[..end]).Trim();
            rest = end < 0 ? default : rest[(end + 1)..];
            if (pair.Length > name.Length && pair[name.Length] == '=' && pair.StartsWith(name, StringComparison.Ordinal))
            {
                value = pair[(name.Length + 1)..];
                value = value is ['"', .. var inner, '"'] ? inner : value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static int? Int(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var n) ? n : null;

    private static long? Long(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n) ? n : null;

    private static void Strings(ref Utf8JsonReader reader, HashSet<string> into)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                into.Add(reader.GetString()!);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static DateTimeOffset? Time(long? ms) => ms is > 0 and < 253402300799999 ? DateTimeOffset.FromUnixTimeMilliseconds(ms.Value) : null;

    /// <summary>
    /// The cookie value with its %XX escapes decoded, as UTF-8 (what encodeURIComponent escaped); an escape that is
    /// not two hex digits stays as written, as <see cref="Uri.UnescapeDataString(string)"/> leaves it.
    /// </summary>
    private static ReadOnlySpan<byte> Unescape(string value, byte[] into)
    {
        var n = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            if (ch == '%' && i + 2 < value.Length && Hex(value[i + 1]) is var hi and >= 0 && Hex(value[i + 2]) is var lo and >= 0)
            {
                into[n++] = (byte)((hi << 4) | lo);
                i += 2;
            }
            else if (ch < 0x80)
            {
                into[n++] = (byte)ch;
            }
            else
            {
                n += Encoding.UTF8.GetBytes(value.AsSpan(i, char.IsHighSurrogate(ch) && i + 1 < value.Length ? 2 : 1), into.AsSpan(n));
                i += char.IsHighSurrogate(ch) && i + 1 < value.Length ? 1 : 0;
            }
        }

        return into.AsSpan(0, n);
    }

    private static int Hex(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
