using Consentry.Manifests;
using Consentry.Validation;

namespace Consentry.Revisions;

/// <summary>
/// Compares two manifests and classifies each change. Material: an item added or removed; its purpose,
/// duration, category, provider or party changed; a third party added or removed; consent rules changed;
/// a "we do not" promise dropped. Editorial: wording, contact details, technical attributes.
/// Renewed consent is required for a new or widened non-essential purpose.
/// </summary>
public static class ManifestComparer
{
    /// <summary>Compares <paramref name="old"/> with <paramref name="new"/>.</summary>
    public static ManifestDiff Compare(CookieManifest old, CookieManifest @new)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        var changes = new List<ManifestChange>();
        CompareItems(old, @new, changes);
        CompareCategories(old, @new, changes);
        CompareThirdParties(old, @new, changes);
        CompareConsent(old, @new, changes);
        CompareStatements(old, @new, changes);
        CompareSite(old, @new, changes);
        if (old.BannerRequired != @new.BannerRequired)
        {
            changes.Add(new ManifestChange(ChangeKind.Material, "banner",
                @new.BannerRequired ? "a consent banner is now required: the site sets items that need consent" : "no consent banner is needed any more: nothing left needs consent",
                @new.BannerRequired));
        }

        return new ManifestDiff
        {
            Changes = [.. changes.OrderByDescending(c => c.Kind)],
            OldRevision = old.Revision,
            NewRevision = @new.Revision,
            NewLastUpdated = @new.LastUpdated,
            OldBannerRequired = old.BannerRequired,
            NewBannerRequired = @new.BannerRequired,
        };
    }

    private static void CompareItems(CookieManifest old, CookieManifest @new, List<ManifestChange> changes)
    {
        static (StorageType, string, NameMatch) Key(CookieItem i) => (i.Storage, i.Name, i.Match);
        var before = old.AllItems.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        var after = @new.AllItems.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        foreach (var (key, o) in before)
        {
            if (!after.ContainsKey(key))
            {
                changes.Add(new ManifestChange(ChangeKind.Material, Subject(o), $"removed (was in category '{o.Category}')", false));
            }
        }

        foreach (var (key, n) in after)
        {
            var needsConsent = @new.RequiresConsent(n);
            if (!before.TryGetValue(key, out var o))
            {
                changes.Add(new ManifestChange(ChangeKind.Material, Subject(n),
                    $"added in category '{n.Category}'{(n.Party == Party.Third ? " as a third party" : "")}{(needsConsent ? ", needs consent" : "")}", needsConsent));
                continue;
            }

            var s = Subject(n);
            if (o.Category != n.Category)
            {
                changes.Add(new ManifestChange(ChangeKind.Material, s, $"category changed from '{o.Category}' to '{n.Category}'", needsConsent));
            }

            if (!TextComparison.Same(o.Purpose, n.Purpose))
            {
                var wording = TextComparison.IsWordingOnly(o.Purpose, n.Purpose);
                changes.Add(new ManifestChange(wording ? ChangeKind.Editorial : ChangeKind.Material, s,
                    wording ? "purpose reworded" : $"purpose changed from \"{o.Purpose}\" to \"{n.Purpose}\"", !wording && needsConsent));
            }

            if (o.Duration != n.Duration)
            {
                var longer = n.Duration.SortKeySeconds > o.Duration.SortKeySeconds;
                changes.Add(new ManifestChange(ChangeKind.Material, s, $"duration changed from {o.Duration} to {n.Duration}", longer && needsConsent));
            }

            if (!TextComparison.Same(o.DurationNote, n.DurationNote))
            {
                changes.Add(new ManifestChange(ChangeKind.Editorial, s, "duration note reworded", false));
            }

            if (o.Provider != n.Provider)
            {
                changes.Add(new ManifestChange(ChangeKind.Material, s, $"provider changed from {o.Provider ?? "the site itself"} to {n.Provider ?? "the site itself"}", needsConsent));
            }

            if (o.Party != n.Party)
            {
                changes.Add(new ManifestChange(ChangeKind.Material, s, n.Party == Party.Third ? "now set by a third party" : "now set by the site itself", n.Party == Party.Third && needsConsent));
            }

            if (old.RequiresConsent(o) != needsConsent && o.Category == n.Category)
            {
                changes.Add(new ManifestChange(ChangeKind.Material, s, needsConsent ? "no longer exempt from consent" : $"now exempt from consent ({n.ConsentExempt})", needsConsent));
            }

            if (o.Attributes != n.Attributes)
            {
                changes.Add(new ManifestChange(ChangeKind.Editorial, s, "cookie attributes changed", false));
            }

            if (!o.Environments.SequenceEqual(n.Environments))
            {
                changes.Add(new ManifestChange(ChangeKind.Editorial, s, $"environments changed from [{string.Join(", ", o.Environments)}] to [{string.Join(", ", n.Environments)}]", false));
            }
        }
    }

    private static void CompareCategories(CookieManifest old, CookieManifest @new, List<ManifestChange> changes)
    {
        foreach (var n in @new.Categories)
        {
            var o = old.FindCategory(n.Id);
            var s = $"category '{n.Id}'";
            if (o is null)
            {
                changes.Add(new ManifestChange(ChangeKind.Editorial, s, "added", false));
                continue;
            }

            if (o.ConsentRequired != n.ConsentRequired)
            {
                var used = @new.AllItems.Any(i => i.Category == n.Id);
                changes.Add(new ManifestChange(ChangeKind.Material, s, n.ConsentRequired ? "now needs consent" : "no longer needs consent", n.ConsentRequired && used));
            }

            if (!TextComparison.Same(o.Label, n.Label) || !TextComparison.Same(o.Description, n.Description))
            {
                changes.Add(new ManifestChange(ChangeKind.Editorial, s, "label or description reworded", false));
            }
        }

        foreach (var o in old.Categories.Where(o => @new.FindCategory(o.Id) is null))
        {
            changes.Add(new ManifestChange(ChangeKind.Editorial, $"category '{o.Id}'", "removed", false));
        }

        foreach (var n in @new.Providers)
        {
            if (old.FindProvider(n.Id) is { } o && (o.Name != n.Name || o.PrivacyPolicy != n.PrivacyPolicy || !o.Domains.SequenceEqual(n.Domains)))
            {
                changes.Add(new ManifestChange(ChangeKind.Editorial, $"provider '{n.Id}'", "name, policy link or domains changed", false));
            }
        }
    }

    private static void CompareThirdParties(CookieManifest old, CookieManifest @new, List<ManifestChange> changes)
    {
        foreach (var n in @new.ThirdParties)
        {
            var o = old.ThirdParties.FirstOrDefault(t => t.Provider == n.Provider);
            if (o is null)
            {
                changes.Add(new ManifestChange(ChangeKind.Material, $"third party '{n.Provider}'", "added: a new third party sets cookies the site does not control", false));
            }
            else if (!TextComparison.Same(o.When, n.When))
            {
                changes.Add(new ManifestChange(ChangeKind.Editorial, $"third party '{n.Provider}'", "description reworded", false));
            }
        }

        foreach (var o in old.ThirdParties.Where(o => @new.ThirdParties.All(t => t.Provider != o.Provider)))
        {
            changes.Add(new ManifestChange(ChangeKind.Material, $"third party '{o.Provider}'", "removed", false));
        }
    }

    private static void CompareConsent(CookieManifest old, CookieManifest @new, List<ManifestChange> changes)
    {
        var o = old.Consent;
        var n = @new.Consent;
        if (o.Cookie != n.Cookie)
        {
            changes.Add(new ManifestChange(ChangeKind.Material, "consent cookie", $"changed from {o.Cookie ?? "none"} to {n.Cookie ?? "none"}", false));
        }

        if (o.Lifetime != n.Lifetime)
        {
            changes.Add(new ManifestChange(ChangeKind.Material, "consent lifetime", $"changed from {o.Lifetime} to {n.Lifetime}", false));
        }

        if (o.DoNotTrack != n.DoNotTrack)
        {
            changes.Add(new ManifestChange(ChangeKind.Material, "Do Not Track", $"now '{n.DoNotTrack.ToString().ToLowerInvariant()}'", n.DoNotTrack == SignalTreatment.Ignore && @new.BannerRequired));
        }

        if (o.GlobalPrivacyControl != n.GlobalPrivacyControl)
        {
            changes.Add(new ManifestChange(ChangeKind.Material, "Global Privacy Control", $"now '{n.GlobalPrivacyControl.ToString().ToLowerInvariant()}'", n.GlobalPrivacyControl == SignalTreatment.Ignore && @new.BannerRequired));
        }

        if (o.SettingsLink != n.SettingsLink || !TextComparison.Same(o.SettingsLabel, n.SettingsLabel) || o.GoogleConsentMode != n.GoogleConsentMode)
        {
            changes.Add(new ManifestChange(ChangeKind.Editorial, "consent settings", "settings link, label or Google Consent Mode changed", false));
        }
    }

    private static void CompareStatements(CookieManifest old, CookieManifest @new, List<ManifestChange> changes)
    {
        var lang = @new.Site.Language;
        var before = old.Statements.WeDoNotUse.Select(s => s.Get(lang)).ToList();
        var after = @new.Statements.WeDoNotUse.Select(s => s.Get(lang)).ToList();
        foreach (var promise in before.Where(b => !after.Any(a => TextComparison.IsWordingOnly(a, b))))
        {
            changes.Add(new ManifestChange(ChangeKind.Material, "what we don't do", $"promise withdrawn: \"{promise}\"", false));
        }

        foreach (var promise in after.Where(a => !before.Any(b => TextComparison.IsWordingOnly(a, b))))
        {
            changes.Add(new ManifestChange(ChangeKind.Editorial, "what we don't do", $"promise added: \"{promise}\"", false));
        }

        var o = old.Statements;
        var n = @new.Statements;
        foreach (var (name, a, b) in new[] { ("intro", o.Intro, n.Intro), ("we_do_not_note", o.WeDoNotNote, n.WeDoNotNote), ("changes", o.Changes, n.Changes), ("do_not_track", o.DoNotTrack, n.DoNotTrack), ("browser_note", o.BrowserNote, n.BrowserNote) })
        {
            if (!TextComparison.Same(a, b))
            {
                changes.Add(new ManifestChange(ChangeKind.Editorial, $"statement '{name}'", a is null ? "added" : b is null ? "removed" : "reworded", false));
            }
        }
    }

    private static void CompareSite(CookieManifest old, CookieManifest @new, List<ManifestChange> changes)
    {
        var o = old.Site;
        var n = @new.Site;
        if (o.Name != n.Name || o.Owner != n.Owner || !o.Domains.SequenceEqual(n.Domains))
        {
            changes.Add(new ManifestChange(ChangeKind.Editorial, "site", "name, owner or domains changed", false));
        }

        if (o.Contact != n.Contact || o.PrivacyPolicy != n.PrivacyPolicy || o.Terms != n.Terms)
        {
            changes.Add(new ManifestChange(ChangeKind.Editorial, "site", "contact details or links changed", false));
        }
    }

    private static string Subject(CookieItem i) => $"item '{i.DisplayName}' ({ManifestValidator.StorageName(i.Storage)})";
}
