using System.Globalization;
using System.Text;
using Consentry.Manifests;
using Consentry.Scanner;
using Consentry.Scanner.Catalogue;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Consentry.Cli.Commands;

/// <summary>
/// <c>consentry scan --write-manifest</c>: turns what a scan saw into manifest items. A new file starts
/// from the starter manifest; an existing one only gains items appended to its <c>items:</c> list, every
/// other byte (comments, wording, order) left as the human wrote it.
/// </summary>
internal static class ManifestDraft
{
    public sealed record Outcome(string Text, IReadOnlyList<string> Added);

    /// <summary>A new manifest for the scanned site holding everything the scan saw.</summary>
    public static Outcome Bootstrap(ScanResult result, CookieCatalogue catalogue, string path)
    {
        var host = new Uri(result.Url).Host;
        var domain = host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
        var starter = StarterManifest.Write(domain, domain, $"privacy@{domain}", null, DateOnly.FromDateTime(result.StartedAt.UtcDateTime), example: false);
        return Merge(starter, path, result, catalogue);
    }

    /// <summary>Appends the items the scan saw that <paramref name="text"/> does not declare.</summary>
    /// <exception cref="FormatException">The file's <c>items</c> cannot be appended to (a flow list), with how to fix it.</exception>
    public static Outcome Merge(string text, string path, ScanResult result, CookieCatalogue catalogue)
    {
        var loaded = ManifestLoader.Parse(text, path);
        if (loaded.Manifest is not { } manifest || loaded.HasErrors)
        {
            var first = loaded.Diagnostics.FirstOrDefault(d => d.Severity == Consentry.Diagnostics.Severity.Error);
            throw new FormatException($"{path} has errors ({first}); fix them first ('consentry validate {path}'), then merge again.");
        }

        var candidates = Observed(result, catalogue, manifest);
        if (candidates.Count == 0)
        {
            return new Outcome(text, []);
        }

        var (insertAt, dashColumn, hasItems) = FindItemsEnd(text, path);
        var indent = new string(' ', dashColumn);
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var block = new StringBuilder();
        if (!hasItems)
        {
            block.Append(insertAt > 0 && text[insertAt - 1] != '\n' ? newline : "").Append("items:").Append(newline);
        }

        block.Append(indent).Append($"# Added by consentry scan of {result.Url} on {result.StartedAt.UtcDateTime:yyyy-MM-dd}: check each category, purpose and duration.").Append(newline);
        foreach (var c in candidates)
        {
            block.Append(indent).Append("- name: ").Append(Quote(c.Name)).Append("  # ").Append(c.Note).Append(newline);
            var body = indent + "  ";
            if (c.Type != "cookie")
            {
                block.Append(body).Append("type: ").Append(c.Type).Append(newline);
            }

            block.Append(body).Append("category: ").Append(c.Category).Append(newline);
            if (c.Provider is not null)
            {
                block.Append(body).Append("provider: ").Append(c.Provider).Append(newline);
            }

            block.Append(body).Append("purpose: \"TODO: say what it does, in words a visitor understands.\"").Append(newline);
            block.Append(body).Append("duration: ").Append(c.Duration).Append(newline);
            if (c.ThirdParty)
            {
                block.Append(body).Append("party: third").Append(newline);
            }
        }

        var merged = text.Insert(insertAt, block.ToString());
        var check = ManifestLoader.Parse(merged, path);
        if (check.HasErrors)
        {
            throw new FormatException($"merging into {path} would make it invalid ({check.Diagnostics.First(d => d.Severity == Consentry.Diagnostics.Severity.Error)}); nothing was written.");
        }

        return new Outcome(merged, [.. candidates.Select(c => c.Name)]);
    }

    private sealed record Candidate(string Name, string Type, string Category, string? Provider, string Duration, bool ThirdParty, string Note);

    private static List<Candidate> Observed(ScanResult result, CookieCatalogue catalogue, CookieManifest manifest)
    {
        var list = new List<Candidate>();
        var taken = new HashSet<(string, string)>();
        bool Declared(StorageType type, string name) => manifest.AllItems.Any(i => i.Storage == type && i.Matches(name)) || (type == StorageType.Cookie && name == manifest.Consent.Cookie);

        // Untouched first, so the note says the earliest visit that saw an item.
        foreach (var visit in result.Visits)
        {
            foreach (var c in visit.Cookies)
            {
                if (Declared(StorageType.Cookie, c.Name))
                {
                    continue;
                }

                var known = catalogue.Find(c.Name, c.Domain);
                var name = PrefixName(c.Name, known);
                if (!taken.Add(("cookie", name)))
                {
                    continue;
                }

                var requested = visit.SetCookies.Where(l => l.Name == c.Name && l.BlockedReasons.Count == 0).Select(l => l.RequestedLifetimeSeconds).Max();
                var stored = c.ExpiresSeconds is { } e ? e - result.StartedAt.ToUnixTimeSeconds() : (double?)null;
                var seconds = requested is { } r && (stored is null || r > stored) ? r : stored;
                list.Add(new Candidate(name, "cookie", known?.Category ?? BuiltInCategories.Functional, ProviderId(manifest, known), c.Transient ? "session" : Duration(seconds), c.ThirdParty,
                    Note(visit, c.FirstSeenOn, known) + (c.Transient ? "; removed again before the page went quiet" : "")));
            }

            foreach (var s in visit.Storage)
            {
                if (Declared(s.Type, s.Name) || s.Name is Consentry.Banner.BannerProtocol.PendingReceiptsKey or Consentry.Banner.BannerProtocol.SeenRevisionKey || !taken.Add((s.Kind, s.Name)))
                {
                    continue;
                }

                var known = catalogue.Find(s.Name, s.Host);
                var duration = s.Type == StorageType.SessionStorage ? "until-tab-closed" : "until-cleared";
                list.Add(new Candidate(s.Name, s.Kind, known?.Category ?? BuiltInCategories.Functional, ProviderId(manifest, known), duration, false, Note(visit, s.FirstSeenOn, known)));
            }
        }

        return list;
    }

    /// <summary>A generated name (<c>_ga_XYZ</c>) the catalogue knows by its prefix is declared as that prefix up to the next separator (<c>_ga_*</c>).</summary>
    private static string PrefixName(string name, CatalogueEntry? known)
    {
        if (known is not { IsPrefix: true, Pattern: null } || known.Name.Length < 2 || name.Length <= known.Name.Length || !name.StartsWith(known.Name, StringComparison.Ordinal))
        {
            return name;
        }

        var next = name[known.Name.Length];
        return known.Name + (next is '_' or '-' or '.' ? next.ToString() : "") + "*";
    }

    private static string? ProviderId(CookieManifest manifest, CatalogueEntry? known) =>
        known is null ? null : manifest.Providers.FirstOrDefault(p => p.Name.Equals(known.Provider, StringComparison.OrdinalIgnoreCase))?.Id;

    private static string Note(VisitResult visit, string page, CatalogueEntry? known)
    {
        var when = visit.Kind switch { VisitKind.Untouched => "before any choice", VisitKind.RejectAll => "after Reject all", _ => "after Accept all" };
        var guess = known is null ? "category unknown, functional assumed" : $"{known.Provider} ({known.Category}) per {known.SourceName}";
        return $"seen on {page} {when}; {guess}".Replace("\n", " ", StringComparison.Ordinal);
    }

    /// <summary>A manifest duration for a lifetime in seconds: hours under a day, days under 60, else 30-day months.</summary>
    internal static string Duration(double? seconds)
    {
        if (seconds is not { } s || s <= 0)
        {
            return "session";
        }

        var hours = s / 3600;
        return hours < 24 ? $"{Math.Max(1, (int)Math.Round(hours))}h"
            : hours / 24 < 60 ? $"{(int)Math.Round(hours / 24)}d"
            : $"{(int)Math.Round(hours / 24 / 30)}mo";
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Where to insert: after the last entry of the root <c>items</c> block list, at its dash column; or the end of the file when there is none.</summary>
    internal static (int Index, int DashColumn, bool HasItems) FindItemsEnd(string text, string path)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        var expectKey = false;
        var atItems = false;
        while (parser.MoveNext())
        {
            var e = parser.Current!;
            if (depth == 1 && expectKey && e is YamlDotNet.Core.Events.Scalar { Value: "items" })
            {
                atItems = true;
                expectKey = false;
                continue;
            }

            if (atItems)
            {
                if (e is not SequenceStart seq || seq.Style == SequenceStyle.Flow)
                {
                    throw new FormatException($"{path}:{e.Start.Line}:{e.Start.Column}: 'items' is not a block list ('- name: …' on its own lines), so new items cannot be appended without rewriting it. Write it as a block list, then run the scan again.");
                }

                return EndOfSequence(parser, text, (int)seq.Start.Column - 1);
            }

            switch (e)
            {
                case MappingStart or SequenceStart:
                    depth++;
                    if (depth == 1 && e is MappingStart)
                    {
                        expectKey = true;
                    }
                    else if (depth == 2 && expectKey)
                    {
                        expectKey = false;
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    if (depth == 1)
                    {
                        expectKey = true;
                    }

                    break;
                case YamlDotNet.Core.Events.Scalar when depth == 1:
                    expectKey = !expectKey;
                    break;
            }
        }

        return (text.Length, 2, false);
    }

    private static (int, int, bool) EndOfSequence(Parser parser, string text, int dashColumn)
    {
        var depth = 0;
        Mark last = Mark.Empty;
        while (parser.MoveNext())
        {
            var e = parser.Current!;
            if (e is SequenceEnd && depth == 0)
            {
                break;
            }

            if (e is MappingStart or SequenceStart)
            {
                depth++;
            }
            else if (e is MappingEnd or SequenceEnd)
            {
                depth--;
            }

            // A scalar ends exactly where its text does; a block mapping's end is only reported at the next
            // token, which may lie past comments that belong to what follows the list.
            if (e is YamlDotNet.Core.Events.Scalar)
            {
                last = e.End;
            }
        }

        // After the line on which the last entry's text ends (a block scalar ends at the next line, so step back over blank space first).
        var index = (int)Math.Min(last.Index, text.Length);
        while (index > 0 && char.IsWhiteSpace(text[index - 1]))
        {
            index--;
        }

        var lineEnd = text.IndexOf('\n', index);
        return (lineEnd < 0 ? text.Length : lineEnd + 1, dashColumn, true);
    }
}
