using System.Text.Json;
using Consentry.Manifests;
using Consentry.Manifests.Parsing;

namespace Consentry.Core.Tests.Manifests;

public sealed class ManifestSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(ManifestSchema.Text).RootElement;

    public static TheoryData<string> Sections() => [.. ManifestKeys.BySection.Keys];

    [Theory]
    [MemberData(nameof(Sections))]
    public void SchemaListsExactlyTheKeysTheParserAccepts(string section)
    {
        var definition = section == "root" ? Schema : Schema.GetProperty("$defs").GetProperty(section);
        Assert.False(definition.GetProperty("additionalProperties").GetBoolean());
        var schemaKeys = definition.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(ManifestKeys.BySection[section].Order(StringComparer.Ordinal), schemaKeys);
    }

    [Fact]
    public void SchemaEnumsMatchWhatTheParserAccepts()
    {
        var defs = Schema.GetProperty("$defs");
        string[] Enum(string def, string prop) => [.. defs.GetProperty(def).GetProperty("properties").GetProperty(prop).GetProperty("enum").EnumerateArray().Select(e => e.GetString()!)];
        foreach (var type in Enum("item", "type"))
        {
            var text = ManifestText.With($"  - {{ name: k, type: {type}, category: necessary, purpose: p, duration: 1d }}");
            Assert.False(ManifestText.Load(text).HasErrors, type);
        }

        foreach (var exemption in Enum("item", "consent_exempt"))
        {
            var text = ManifestText.With($"  - {{ name: k, type: localStorage, category: analytics, purpose: p, duration: 1d, consent_exempt: {exemption} }}", "consent: { cookie: session }");
            Assert.DoesNotContain(ManifestText.Load(text).Diagnostics, d => d.Code == Consentry.Diagnostics.DiagnosticCodes.InvalidValue);
        }
    }

    [Fact]
    public void DurationPatternAgreesWithTheParser()
    {
        var pattern = new System.Text.RegularExpressions.Regex(Schema.GetProperty("$defs").GetProperty("duration").GetProperty("pattern").GetString()!);
        foreach (var text in new[] { "session", "until-cleared", "until-tab-closed", "8h", "365d", "1y", "13mo", "30min", "8 hours", "2w" })
        {
            Assert.True(pattern.IsMatch(text), text);
            Assert.True(CookieDuration.TryParse(text, out _), text);
        }

        foreach (var text in new[] { "forever", "1.5y", "y" })
        {
            Assert.False(pattern.IsMatch(text), text);
            Assert.False(CookieDuration.TryParse(text, out _), text);
        }
    }
}
