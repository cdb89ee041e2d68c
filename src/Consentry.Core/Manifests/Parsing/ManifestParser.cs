using System.Text.RegularExpressions;
using Consentry.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Consentry.Manifests.Parsing;

/// <summary>Turns the YAML tree of a manifest into a <see cref="CookieManifest"/>, reporting shape errors.</summary>
internal sealed partial class ManifestParser(ParseContext ctx)
{
    private static readonly (string, StorageType)[] StorageTypes =
        [.. Consentry.Manifests.StorageTypes.All.Select(n => (n, Consentry.Manifests.StorageTypes.Parse(n)!.Value))];

    private static readonly (string, Party)[] Parties = [("first", Party.First), ("third", Party.Third)];

    private static readonly (string, SameSitePolicy)[] SameSites =
        [("strict", SameSitePolicy.Strict), ("lax", SameSitePolicy.Lax), ("none", SameSitePolicy.None)];

    private static readonly (string, ConsentExemption)[] Exemptions =
        [("none", ConsentExemption.None), ("user-requested", ConsentExemption.UserRequested), ("audience-measurement", ConsentExemption.AudienceMeasurement)];

    private static readonly (string, bool)[] ConsentRules = [("required", true), ("not-required", false)];

    private static readonly (string, SettingsLinkPlacement)[] Placements =
        [("footer", SettingsLinkPlacement.Footer), ("floating-button", SettingsLinkPlacement.FloatingButton), ("both", SettingsLinkPlacement.Both), ("account-settings", SettingsLinkPlacement.AccountSettings)];

    private static readonly (string, SignalTreatment)[] Treatments = [("honour", SignalTreatment.Honour), ("honor", SignalTreatment.Honour), ("ignore", SignalTreatment.Ignore)];

    public CookieManifest Parse(YamlMappingNode rootNode)
    {
        var root = new MappingReader(ctx, rootNode, "the manifest", ManifestKeys.Root);
        var version = root.String("consentry");
        if (version is not null && version != "1")
        {
            ctx.Error(DiagnosticCodes.InvalidValue, root.Get("consentry")!, $"Manifest format version '{version}' is not supported; this Consentry reads version 1.", "Write 'consentry: 1', or upgrade Consentry.");
        }

        var site = ParseSite(root);
        return new CookieManifest
        {
            Path = ctx.File,
            Site = site,
            Categories = ParseCategories(root),
            Providers = ParseProviders(root),
            Items = [.. root.Sequence("items").Select(ParseItem).OfType<CookieItem>()],
            ThirdParties = [.. root.Sequence("third_parties").Select(ParseThirdParty).OfType<ThirdPartyNotice>()],
            Consent = ParseConsent(root),
            Statements = ParseStatements(root),
            BannerTexts = ParseBanner(root),
            Regions = ParseRegions(root),
            History = [.. root.Sequence("history").Select(ParseHistory).OfType<HistoryEntry>().OrderBy(h => h.Date)],
        };
    }

    private SiteInfo ParseSite(MappingReader root)
    {
        var site = root.Mapping("site", "'site'", ManifestKeys.Site);
        if (site is null)
        {
            if (!root.Has("site"))
            {
                ctx.Error(DiagnosticCodes.MissingKey, root.Node, "The manifest has no 'site' section.", "Add 'site:' with at least 'name:' and a contact 'email:' or 'url:'.");
            }

            return new SiteInfo { Name = "" };
        }

        var language = site.String("language") ?? "en";
        if (!MappingReader.LanguagePattern().IsMatch(language))
        {
            ctx.Error(DiagnosticCodes.InvalidValue, site.Get("language")!, $"'{language}' is not a language code.", "Write a code such as 'en', 'de' or 'fr'.");
            language = "en";
        }

        ctx.Language = language;
        var languages = Languages(site, language);
        ctx.SiteLanguages = [language, .. languages];
        var contact = site.Mapping("contact", "'site.contact'", ManifestKeys.Contact);
        var domains = site.StringList("domains");
        foreach (var d in domains)
        {
            if (!DomainPattern().IsMatch(d))
            {
                ctx.Error(DiagnosticCodes.InvalidValue, site.Get("domains")!, $"'{d}' in 'site.domains' is not a domain name.", "Write bare host names such as 'example.com', without scheme or path.");
            }
        }

        var info = new SiteInfo
        {
            Name = site.String("name", required: true, example: "Example") ?? "",
            Domains = domains,
            Owner = site.String("owner"),
            Contact = contact is null ? new ContactInfo() : new ContactInfo
            {
                Name = contact.String("name"),
                Email = contact.Email("email"),
                Url = contact.Url("url"),
            },
            PrivacyPolicy = site.Url("privacy_policy"),
            Terms = site.Url("terms"),
            Language = language,
            Languages = languages,
        };
        if (info.Contact.Email is null && info.Contact.Url is null && !ctx.Diagnostics.Any(d => d.Code == DiagnosticCodes.InvalidAddress))
        {
            ctx.Error(DiagnosticCodes.MissingKey, contact?.Node ?? site.Node, "The site has no contact: the policy must say whom to ask about cookies.", "Add 'contact:' with 'email:' or 'url:' under 'site:'.");
        }

        return info;
    }

    private List<CategoryDefinition> ParseCategories(MappingReader root)
    {
        var declared = new Dictionary<string, CategoryDefinition>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Entries("categories"))
        {
            var id = key.Value!;
            var builtIn = BuiltInCategories.All.Contains(id);
            if (!CategoryIdPattern().IsMatch(id))
            {
                ctx.Error(DiagnosticCodes.InvalidValue, key, $"'{id}' is not a valid category id.", "Use lower-case letters, digits, '-' and '_', starting with a letter, e.g. 'support-chat'.");
                continue;
            }

            if (value is YamlScalarNode s && MappingReader.IsNull(s))
            {
                declared[id] = new CategoryDefinition { Id = id, BuiltIn = builtIn, ConsentRequired = id != BuiltInCategories.Necessary, Location = ctx.At(key) };
                continue;
            }

            if (value is not YamlMappingNode map)
            {
                ctx.Error(DiagnosticCodes.WrongType, value, $"Category '{id}' must be a mapping, not a {MappingReader.Shape(value)}.", "Indent 'description:' (and for your own categories 'label:' and 'consent:') below the id.");
                continue;
            }

            var c = new MappingReader(ctx, map, $"category '{id}'", ManifestKeys.Category);
            var consent = c.Enum("consent", ConsentRules);
            if (builtIn && consent is not null)
            {
                ctx.Error(DiagnosticCodes.InvalidValue, c.Get("consent")!, $"The consent rule of the built-in category '{id}' is fixed ({(id == BuiltInCategories.Necessary ? "not-required" : "required")}).",
                    "Remove 'consent:'; to store an item of this category without consent, set 'consent_exempt' on the item, or use 'necessary' if it truly is strictly necessary.");
                consent = null;
            }

            if (!builtIn && c.Text("label") is null)
            {
                ctx.Error(DiagnosticCodes.MissingKey, map, $"Category '{id}' has no 'label'.", "Add 'label:', the heading visitors see, e.g. 'label: Support chat'.");
            }

            if (!builtIn && c.Text("description") is null)
            {
                ctx.Error(DiagnosticCodes.MissingKey, map, $"Category '{id}' has no 'description'.", "Add 'description:' saying what the category is for.");
            }

            declared[id] = new CategoryDefinition
            {
                Id = id,
                Label = InEveryLanguage(c, "label", $"categories.{id}.label"),
                Description = InEveryLanguage(c, "description", $"categories.{id}.description"),
                ConsentRequired = consent ?? id != BuiltInCategories.Necessary,
                BuiltIn = builtIn,
                Location = ctx.At(key),
            };
        }

        var all = BuiltInCategories.All
            .Select(id => declared.TryGetValue(id, out var d) ? d : new CategoryDefinition { Id = id, BuiltIn = true, ConsentRequired = id != BuiltInCategories.Necessary })
            .ToList();
        all.AddRange(declared.Values.Where(d => !d.BuiltIn));
        return all;
    }

    private List<Provider> ParseProviders(MappingReader root)
    {
        var list = new List<Provider>();
        foreach (var (key, value) in root.Entries("providers"))
        {
            if (value is not YamlMappingNode map)
            {
                ctx.Error(DiagnosticCodes.WrongType, value, $"Provider '{key.Value}' must be a mapping, not a {MappingReader.Shape(value)}.", "Indent 'name:' and 'privacy_policy:' below the id.");
                continue;
            }

            var p = new MappingReader(ctx, map, $"provider '{key.Value}'", ManifestKeys.Provider);
            list.Add(new Provider
            {
                Id = key.Value!,
                Name = p.String("name", required: true, example: "PostHog") ?? key.Value!,
                PrivacyPolicy = p.Url("privacy_policy"),
                Domains = p.StringList("domains"),
                Location = ctx.At(key),
            });
        }

        return list;
    }

    private CookieItem? ParseItem(YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            ctx.Error(DiagnosticCodes.WrongType, node, $"Each entry of 'items' must be a mapping, not a {MappingReader.Shape(node)}.", "Write '- name: …' with 'category:', 'purpose:' and 'duration:' indented below.");
            return null;
        }

        // Name the item in every message about it, so "item 'ph_*' has no 'category'" points the reader at it.
        var declaredName = map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: "name" }).Value as YamlScalarNode;
        var what = string.IsNullOrWhiteSpace(declaredName?.Value) ? "an item" : $"item '{declaredName.Value.Trim()}'";
        var r = new MappingReader(ctx, map, what, ManifestKeys.Item);
        var (name, match) = ParseName(r, required: true);
        var storage = r.Enum("type", StorageTypes) ?? StorageType.Cookie;
        var category = r.String("category");
        if (category is null)
        {
            ctx.Error(DiagnosticCodes.MissingKey, map, $"{Cap(what)} has no 'category'.", $"Add 'category:' with one of {string.Join(", ", BuiltInCategories.All)} or a category you declare.");
        }

        var duration = r.Duration("duration");
        if (duration is null && !r.Has("duration"))
        {
            ctx.Error(DiagnosticCodes.MissingKey, map, $"{Cap(what)} has no 'duration'.", "Add 'duration:', e.g. 'session', '8h', '365d' or 'until-cleared'.");
        }

        var item = new CookieItem
        {
            Name = name ?? "",
            Match = match,
            Storage = storage,
            Category = category ?? "",
            Purpose = r.Text("purpose"),
            Duration = duration ?? CookieDuration.Session,
            DurationNote = r.Text("duration_note"),
            Provider = r.String("provider"),
            Party = r.Enum("party", Parties) ?? Party.First,
            Attributes = ParseAttributes(r) ?? CookieAttributes.None,
            Environments = r.StringList("environments"),
            ConsentExempt = r.Enum("consent_exempt", Exemptions) ?? ConsentExemption.None,
            Location = ctx.At(map),
            KeyLocations = r.KeyLocations("attributes"),
        };
        item = item with { Variants = [.. r.Sequence("variants").Select(v => ParseVariant(v, what)).OfType<ItemVariant>()] };

        return name is null ? null : item;
    }

    private ItemVariant? ParseVariant(YamlNode node, string what)
    {
        if (node is not YamlMappingNode map)
        {
            ctx.Error(DiagnosticCodes.WrongType, node, $"Each variant of {what} must be a mapping.", "Write '- name: …' with 'environments:' below.");
            return null;
        }

        var r = new MappingReader(ctx, map, $"a variant of {what}", ManifestKeys.Variant);
        var (name, match) = ParseName(r, required: true);
        if (name is null)
        {
            return null;
        }

        var environments = r.StringList("environments");
        if (environments.Count == 0)
        {
            ctx.Error(DiagnosticCodes.MissingKey, map, $"The variant '{name}' of {what} names no environment.", "Add 'environments: [development]' (or where the variant is used).");
        }

        return new ItemVariant
        {
            Name = name,
            Match = match,
            Environments = environments,
            Attributes = ParseAttributes(r),
            Purpose = r.Text("purpose"),
            Duration = r.Duration("duration"),
            Location = ctx.At(map),
            KeyLocations = r.KeyLocations("attributes"),
        };
    }

    private (string? Name, NameMatch Match) ParseName(MappingReader r, bool required)
    {
        var raw = r.String("name", required, "session_token");
        if (raw is null)
        {
            return (null, NameMatch.Exact);
        }

        var match = NameMatch.Exact;
        var name = raw;
        if (name.EndsWith('*'))
        {
            match = NameMatch.Prefix;
            name = name[..^1];
        }

        if (name.Length == 0 || name.Contains('*', StringComparison.Ordinal))
        {
            ctx.Error(DiagnosticCodes.InvalidValue, r.Get("name")!, $"'{raw}' is not a valid item name: a star may only end a prefix.", "Write the exact name, or a prefix followed by one star, e.g. 'ph_*'.");
            return (null, match);
        }

        return (name, match);
    }

    private static CookieAttributes? ParseAttributes(MappingReader item)
    {
        var a = item.Mapping("attributes", $"the attributes of {item.What}", ManifestKeys.Attributes);
        return a is null ? null : new CookieAttributes
        {
            Secure = a.Bool("secure"),
            HttpOnly = a.Bool("http_only"),
            Partitioned = a.Bool("partitioned"),
            SameSite = a.Enum("same_site", SameSites),
            Path = a.String("path"),
            Domain = a.String("domain"),
        };
    }

    private ThirdPartyNotice? ParseThirdParty(YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            ctx.Error(DiagnosticCodes.WrongType, node, "Each entry of 'third_parties' must be a mapping.", "Write '- provider: google' with 'when: …' below.");
            return null;
        }

        var r = new MappingReader(ctx, map, "a third party", ManifestKeys.ThirdParty);
        var provider = r.String("provider", required: true, example: "google");
        var when = r.Text("when", required: true, example: "When you sign in with Google");
        return provider is null || when is null ? null : new ThirdPartyNotice { Provider = provider, When = when, Location = ctx.At(map) };
    }

    private static ConsentSettings ParseConsent(MappingReader root)
    {
        var c = root.Mapping("consent", "'consent'", ManifestKeys.Consent);
        if (c is null)
        {
            return new ConsentSettings();
        }

        var defaults = new ConsentSettings();
        return new ConsentSettings
        {
            Cookie = c.String("cookie"),
            CookieLocation = c.LocationOf("cookie"),
            Lifetime = c.Duration("lifetime") ?? defaults.Lifetime,
            LifetimeLocation = c.LocationOf("lifetime"),
            SettingsLink = c.Enum("settings_link", Placements) ?? defaults.SettingsLink,
            SettingsLabel = c.Text("settings_label"),
            DoNotTrack = c.Enum("do_not_track", Treatments) ?? defaults.DoNotTrack,
            GlobalPrivacyControl = c.Enum("global_privacy_control", Treatments) ?? defaults.GlobalPrivacyControl,
            GoogleConsentMode = c.Bool("google_consent_mode") ?? false,
            Blocking = c.Enum("blocking", ("none", ProviderBlocking.None), ("providers", ProviderBlocking.Providers)) ?? ProviderBlocking.None,
            BlockingLocation = c.LocationOf("blocking"),
            Domain = c.String("domain")?.Trim().TrimStart('.').TrimEnd('.').ToLowerInvariant(),
            DomainLocation = c.LocationOf("domain"),
            Location = c.Location,
        };
    }

    private static PolicyStatements ParseStatements(MappingReader root)
    {
        var s = root.Mapping("statements", "'statements'", ManifestKeys.Statements);
        return s is null ? new PolicyStatements() : new PolicyStatements
        {
            Intro = s.Text("intro"),
            WeDoNotUse = s.TextList("we_do_not_use"),
            WeDoNotNote = s.Text("we_do_not_note"),
            Changes = s.Text("changes"),
            DoNotTrack = s.Text("do_not_track"),
            BrowserNote = s.Text("browser_note"),
        };
    }

    private HistoryEntry? ParseHistory(YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            ctx.Error(DiagnosticCodes.WrongType, node, "Each entry of 'history' must be a mapping.", "Write '- date: 2026-05-21' with 'summary: …' below.");
            return null;
        }

        var r = new MappingReader(ctx, map, "a history entry", ManifestKeys.History);
        var date = r.Date("date", required: true);
        var summary = r.Text("summary", required: true, example: "First published.");
        var material = r.Bool("material") ?? true;
        return date is null || summary is null ? null : new HistoryEntry { Date = date.Value, Summary = summary, Material = material, Location = ctx.At(map) };
    }

    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    [GeneratedRegex("^[a-z][a-z0-9_-]*$")]
    private static partial Regex CategoryIdPattern();

    [GeneratedRegex(@"^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.IgnoreCase)]
    private static partial Regex DomainPattern();
}
