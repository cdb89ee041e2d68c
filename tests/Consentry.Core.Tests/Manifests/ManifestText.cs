using Consentry.Diagnostics;
using Consentry.Manifests;

namespace Consentry.Core.Tests.Manifests;

/// <summary>Small manifests for tests: a valid base that tests add lines to.</summary>
internal static class ManifestText
{
    /// <summary>A valid manifest with one necessary cookie; <paramref name="items"/> is appended under 'items:' (indented by the caller).</summary>
    public static string With(string items = "", string extra = "") => $"""
        consentry: 1
        site:
          name: Test
          contact:
            email: privacy@test.example
        items:
          - name: session
            category: necessary
            purpose: Keeps you signed in.
            duration: session
        {items}
        {extra}
        history:
          - date: 2026-01-02
            summary: First.
        """;

    public static ManifestLoadResult Load(string text, string path = "cookies.yaml") => ManifestLoader.Parse(text, path);

    public static CookieManifest Valid(string text, string path = "cookies.yaml")
    {
        var result = Load(text, path);
        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Manifest!;
    }

    public static Diagnostic Single(ManifestLoadResult result, string code)
    {
        var matches = result.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(matches.Count == 1, $"expected one {code}, got: {string.Join(Environment.NewLine, result.Diagnostics)}");
        return matches[0];
    }
}
