using System.Text.RegularExpressions;
using Consentry.Banner;
using Consentry.Ledger.Receipts;

namespace Consentry.AspNetCore.Tests;

/// <summary>The consent protocol's words live in one place each; the banner's TypeScript must say the same.</summary>
public sealed class VocabularyTests
{
    private static string Banner(string file) => File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "banner", file));

    [Fact]
    public void TheBannersConsentMethodsAreTheLedgers()
    {
        // consentry.d.ts declares the consent record; the banner's own types.ts takes it from there.
        Assert.Contains("export type Consent = ConsentryConsent;", Banner("src/types.ts"), StringComparison.Ordinal);
        var union = Regex.Match(Banner("consentry.d.ts"), @"\bm: ((?:'[a-z-]+'(?: \| )?)+);").Groups[1].Value;
        var methods = Regex.Matches(union, "'([a-z-]+)'").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.True(ConsentMethods.All.SetEquals(methods), $"consentry.d.ts lists {string.Join(", ", methods)}");
    }

    [Fact]
    public void TheBannerPostsExactlyTheReceiptFieldsTheServerReads()
    {
        var index = Banner("src/index.ts");
        var body = Regex.Match(index, @"function receipt\(c: Consent\): unknown \{.*?return \{(.*?)\};", RegexOptions.Singleline).Groups[1].Value;
        // "key: value" or the shorthand "key" (no value in the banner's receipt holds a comma).
        var keys = body.Split(',').Select(p => p.Split(':')[0].Trim()).Where(k => k.Length > 0).ToList();
        Assert.Equal(ReceiptFields.Posted.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ThePendingReceiptsKeyIsTheOneTheScannerKnows() =>
        Assert.Contains($"const PENDING = '{BannerProtocol.PendingReceiptsKey}';", Banner("src/index.ts"), StringComparison.Ordinal);

    [Fact]
    public void TheSeenRevisionKeyIsTheOneTheScannerKnows() =>
        Assert.Contains($"const SEEN = '{BannerProtocol.SeenRevisionKey}';", Banner("src/index.ts"), StringComparison.Ordinal);
}
