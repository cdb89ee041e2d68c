using System.Globalization;

namespace Consentry.Scanner.Drift;

/// <summary>
/// Compares a scan with its baseline. A cookie is the same cookie when its name, domain and path are (a storage key
/// when its kind, name and origin are); it changed when its lifetime (by more than ten minutes and a twentieth), its Secure,
/// HttpOnly or SameSite attribute, its party, or the visits it appears in did. A finding is the same finding when
/// its code, item and visit are.
/// </summary>
public static class DriftComparer
{
    /// <summary>What changed from <paramref name="baseline"/> to <paramref name="now"/>.</summary>
    public static ScanDrift Compare(ScanBaseline baseline, ScanResult now)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(now);
        var items = new List<ItemChange>();
        items.AddRange(Cookies(baseline.Visits, (baseline.StartedAt ?? now.StartedAt).ToUnixTimeSeconds(), now.Visits, now.StartedAt.ToUnixTimeSeconds()));
        items.AddRange(Storage(baseline.Visits, now.Visits));
        var before = baseline.Findings.Select(ScanDrift.Key).ToHashSet(StringComparer.Ordinal);
        var after = now.Findings.Select(ScanDrift.Key).ToHashSet(StringComparer.Ordinal);
        return new ScanDrift(baseline.Name, baseline.StartedAt, items,
            [.. now.Findings.Where(f => !before.Contains(ScanDrift.Key(f)))],
            [.. baseline.Findings.Where(f => !after.Contains(ScanDrift.Key(f)))]);
    }

    /// <summary>Cookies compared; expiry times are absolute, so lifetimes are measured from each scan's start.</summary>
    private static IEnumerable<ItemChange> Cookies(IReadOnlyList<VisitResult> before, long beforeStart, IReadOnlyList<VisitResult> after, long afterStart)
    {
        var a = Index(before, v => v.Cookies, c => (c.Name, c.Domain.TrimStart('.'), c.Path));
        var b = Index(after, v => v.Cookies, c => (c.Name, c.Domain.TrimStart('.'), c.Path));
        foreach (var key in a.Keys.Union(b.Keys).Order())
        {
            var where = $"{key.Item2}{key.Item3}";
            if (!a.TryGetValue(key, out var old))
            {
                yield return new ItemChange("appeared", "cookie", key.Item1, where, [Visits(b[key].Visits)]);
            }
            else if (!b.TryGetValue(key, out var now))
            {
                yield return new ItemChange("disappeared", "cookie", key.Item1, where, [Visits(old.Visits)]);
            }
            else if (CookieChanges(old, Lifetime(old.First, beforeStart), now, Lifetime(now.First, afterStart)) is { Count: > 0 } details)
            {
                yield return new ItemChange("changed", "cookie", key.Item1, where, details);
            }
        }
    }

    private static List<string> CookieChanges((ObservedCookie First, IReadOnlySet<VisitKind> Visits) old, double? oldLifetime, (ObservedCookie First, IReadOnlySet<VisitKind> Visits) now, double? newLifetime)
    {
        var (o, n) = (old.First, now.First);
        var details = new List<string>();
        if (LifetimeChanged(oldLifetime, newLifetime))
        {
            details.Add($"lifetime {Lifetime(oldLifetime)} → {Lifetime(newLifetime)}");
        }

        Flag(details, "Secure", o.Secure, n.Secure);
        Flag(details, "HttpOnly", o.HttpOnly, n.HttpOnly);
        if (!string.Equals(o.SameSite, n.SameSite, StringComparison.OrdinalIgnoreCase))
        {
            details.Add($"SameSite {o.SameSite} → {n.SameSite}");
        }

        if (o.ThirdParty != n.ThirdParty)
        {
            details.Add(n.ThirdParty ? "now third-party" : "now first-party");
        }

        VisitChanges(details, old.Visits, now.Visits);
        return details;
    }

    private static IEnumerable<ItemChange> Storage(IReadOnlyList<VisitResult> before, IReadOnlyList<VisitResult> after)
    {
        var a = Index(before, v => v.Storage, s => (s.Kind, s.Name, s.Origin));
        var b = Index(after, v => v.Storage, s => (s.Kind, s.Name, s.Origin));
        foreach (var key in a.Keys.Union(b.Keys).Order())
        {
            if (!a.TryGetValue(key, out var old))
            {
                yield return new ItemChange("appeared", key.Item1, key.Item2, key.Item3, [Visits(b[key].Visits)]);
            }
            else if (!b.TryGetValue(key, out var now))
            {
                yield return new ItemChange("disappeared", key.Item1, key.Item2, key.Item3, [Visits(old.Visits)]);
            }
            else
            {
                var details = new List<string>();
                VisitChanges(details, old.Visits, now.Visits);
                if (details.Count > 0)
                {
                    yield return new ItemChange("changed", key.Item1, key.Item2, key.Item3, details);
                }
            }
        }
    }

    /// <summary>Each item's first observation (in visit order) and the visits it appears in.</summary>
    private static Dictionary<TKey, (T First, IReadOnlySet<VisitKind> Visits)> Index<T, TKey>(IReadOnlyList<VisitResult> visits, Func<VisitResult, IReadOnlyList<T>> items, Func<T, TKey> key)
        where TKey : notnull
    {
        var index = new Dictionary<TKey, (T First, IReadOnlySet<VisitKind> Visits)>();
        foreach (var visit in visits)
        {
            foreach (var item in items(visit))
            {
                var k = key(item);
                if (index.TryGetValue(k, out var seen))
                {
                    ((HashSet<VisitKind>)seen.Visits).Add(visit.Kind);
                }
                else
                {
                    index[k] = (item, new HashSet<VisitKind> { visit.Kind });
                }
            }
        }

        return index;
    }

    private static void VisitChanges(List<string> details, IReadOnlySet<VisitKind> before, IReadOnlySet<VisitKind> after)
    {
        foreach (var added in after.Except(before).Order())
        {
            details.Add($"now also in the {Name(added)} visit");
        }

        foreach (var gone in before.Except(after).Order())
        {
            details.Add($"no longer in the {Name(gone)} visit");
        }
    }

    private static void Flag(List<string> details, string attribute, bool before, bool after)
    {
        if (before != after)
        {
            details.Add(after ? $"now {attribute}" : $"no longer {attribute}");
        }
    }

    /// <summary>Seconds from the scan's start to the cookie's expiry; null for a session cookie.</summary>
    private static double? Lifetime(ObservedCookie c, long scanStart) => c.ExpiresSeconds is { } e ? e - scanStart : null;

    private static bool LifetimeChanged(double? a, double? b)
    {
        if (a is not { } x || b is not { } y)
        {
            return a.HasValue != b.HasValue;
        }

        // Lifetimes are measured from each scan's start, so cookies set later in a scan look a few minutes longer.
        var difference = Math.Abs(x - y);
        return difference > 600 && difference > 0.05 * Math.Max(x, y);
    }

    private static string Lifetime(double? seconds) => seconds is not { } s ? "session"
        : s >= 86_400 ? (s / 86_400).ToString("0", CultureInfo.InvariantCulture) + " days"
        : s >= 3600 ? (s / 3600).ToString("0", CultureInfo.InvariantCulture) + " hours"
        : s.ToString("0", CultureInfo.InvariantCulture) + " seconds";

    private static string Visits(IReadOnlySet<VisitKind> visits) => "in the " + string.Join(", ", visits.Order().Select(Name)) + " visit" + (visits.Count > 1 ? "s" : "");

    private static string Name(VisitKind kind) => kind switch
    {
        VisitKind.Untouched => "untouched",
        VisitKind.RejectAll => "Reject all",
        VisitKind.AcceptAll => "Accept all",
        _ => kind.ToString(),
    };
}
