using System.Text.Json;
using Consentry.Scanner;
using Consentry.Scanner.Drift;

namespace Consentry.Scanner.Tests;

/// <summary>Drift against a baseline scan, on hand-built results written and read back as the JSON report.</summary>
public sealed class DriftTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static ObservedCookie Cookie(string name, double? lifetimeDays = 365, bool secure = true, bool thirdParty = false, string domain = "shop.example") =>
        new(name, domain, "/", lifetimeDays is { } d ? Start.ToUnixTimeSeconds() + (d * 86_400) : null, secure, false, "Lax", thirdParty, "https://shop.example/");

    private static ScanResult Result(DateTimeOffset start, IReadOnlyList<VisitResult> visits, params Finding[] findings) => new()
    {
        Url = "https://shop.example/",
        ToolVersion = "test",
        BrowserVersion = "test",
        Options = new ScanOptions { Url = new Uri("https://shop.example/") },
        StartedAt = start,
        EndedAt = start.AddMinutes(1),
        Visits = visits,
        Findings = findings,
    };

    private static VisitResult Visit(VisitKind kind, IReadOnlyList<ObservedCookie> cookies, params ObservedStorage[] storage) =>
        new() { Kind = kind, Cookies = cookies, Storage = storage };

    private static Finding Finding(string code, string item, VisitKind visit, FindingSeverity severity = FindingSeverity.Error) =>
        new(severity, code, $"{code} on {item}", item, visit, "https://shop.example/");

    private static ScanBaseline Baseline(ScanResult result) => ScanBaseline.Read(ScanReport.Write(result, ScanReportFormat.Json), "previous.json");

    [Fact]
    public void AppearedDisappearedAndChangedItemsAndNewAndResolvedFindingsAreNamed()
    {
        var before = Result(Start,
        [
            Visit(VisitKind.Untouched, [Cookie("session"), Cookie("theme", 30)], new ObservedStorage("localStorage", "draft", "https://shop.example", "https://shop.example/")),
            Visit(VisitKind.AcceptAll, [Cookie("session"), Cookie("theme", 30), Cookie("_ga", 400, thirdParty: false)]),
        ], Finding("SC001", "old_tracker", VisitKind.Untouched), Finding("SC010", "theme", VisitKind.Untouched, FindingSeverity.Warning));
        // A month later, expiry times are a month later too: the same lifetime is not a change.
        var later = Start.AddDays(30);
        ObservedCookie Shifted(ObservedCookie c) => c with { ExpiresSeconds = c.ExpiresSeconds + (30 * 86_400) };
        var now = Result(later,
        [
            Visit(VisitKind.Untouched, [Shifted(Cookie("session")), Shifted(Cookie("theme", 30, secure: false)), Shifted(Cookie("pixel", 90, thirdParty: true, domain: "ads.example"))]),
            Visit(VisitKind.RejectAll, [Shifted(Cookie("_ga", 400))]),
            Visit(VisitKind.AcceptAll, [Shifted(Cookie("session")), Shifted(Cookie("theme", 30, secure: false)), Shifted(Cookie("_ga", 400))]),
        ], Finding("SC010", "theme", VisitKind.Untouched, FindingSeverity.Warning), Finding("SC002", "_ga", VisitKind.RejectAll));

        var drift = DriftComparer.Compare(Baseline(before), now);

        Assert.Equal(
        [
            "appeared cookie pixel (ads.example/): in the untouched visit",
            "changed cookie _ga (shop.example/): now also in the Reject all visit",
            "changed cookie theme (shop.example/): no longer Secure",
            "disappeared localStorage draft (https://shop.example): in the untouched visit",
        ], drift.Items.Select(i => $"{i.Change} {i.Type} {i.Name} ({i.Where}): {string.Join("; ", i.Details)}").Order(StringComparer.Ordinal));
        Assert.Equal(["SC002"], drift.NewFindings.Select(f => f.Code));
        Assert.Equal(["SC001"], drift.ResolvedFindings.Select(f => f.Code));
        Assert.Equal(Start, drift.BaselineStartedAt);
    }

    [Fact]
    public void ALifetimeThatGrewIsAChangeButSecondsOfDriftAreNot()
    {
        var before = Result(Start, [Visit(VisitKind.Untouched, [Cookie("id", 30), Cookie("pref", 365)])]);
        var now = Result(Start, [Visit(VisitKind.Untouched, [Cookie("id", 30.0001), Cookie("pref", 400)])]);
        var change = Assert.Single(DriftComparer.Compare(Baseline(before), now).Items);
        Assert.Equal(("pref", "lifetime 365 days → 400 days"), (change.Name, Assert.Single(change.Details)));
        Assert.False(DriftComparer.Compare(Baseline(before), before).Any);
    }

    [Fact]
    public void EveryReportShowsTheDrift()
    {
        var before = Result(Start, [Visit(VisitKind.Untouched, [Cookie("session")])], Finding("SC001", "gone", VisitKind.Untouched));
        var now = Result(Start, [Visit(VisitKind.Untouched, [Cookie("session"), Cookie("<b>new</b>")])], Finding("SC002", "fresh", VisitKind.Untouched));
        var result = now with { Drift = DriftComparer.Compare(Baseline(before), now) };

        Assert.Contains("appeared    cookie <b>new</b>", ScanReport.Write(result, ScanReportFormat.Text), StringComparison.Ordinal);
        Assert.Contains("resolved    SC001", ScanReport.Write(result, ScanReportFormat.Text), StringComparison.Ordinal);
        var html = ScanReport.Write(result, ScanReportFormat.Html);
        Assert.Contains("<h2>Since the baseline</h2>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;new&lt;/b&gt;", html, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(ScanReport.Write(result, ScanReportFormat.Json));
        Assert.Equal("SC002", json.RootElement.GetProperty("result").GetProperty("drift").GetProperty("newFindings")[0].GetProperty("code").GetString());
        using var sarif = JsonDocument.Parse(ScanReport.Write(result, ScanReportFormat.Sarif));
        var states = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => (r.GetProperty("ruleId").GetString(), r.GetProperty("baselineState").GetString())).ToList();
        Assert.Equal([("SC002", "new"), ("SC001", "absent")], states);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("{\"schema\":\"something-else\"}", "not a Consentry scan report")]
    [InlineData("{\"schema\":\"consentry-scan/1\",\"result\":{\"visits\":[{\"cookies\":42}]}}", "cannot be read")]
    public void ABaselineThatIsNoScanReportIsRefusedSayingWhy(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => ScanBaseline.Read(text, "previous.json"));
        Assert.StartsWith("previous.json: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
