using Consentry.Server.Sites;

namespace Consentry.Server.Tests;

public sealed class RedlineTests
{
    [Fact]
    public void AChangedWordIsStruckThroughBeforeItsReplacementAndBothSidesReadBack()
    {
        const string before = "Title\nAuthenticates your login session.\nUnchanged line.\nRemoved line.\n";
        const string after = "Title\nAuthenticates your log-in session.\nUnchanged line.\nAdded line one.\n";
        var segments = Redline.Compare(before, after);
        Assert.Contains("Removed line.", Redline.Side(segments, after: false), StringComparison.Ordinal);
        Assert.DoesNotContain("Removed line.", Redline.Side(segments, after: true), StringComparison.Ordinal);
        Assert.Contains("Added line one.", Redline.Side(segments, after: true), StringComparison.Ordinal);
        var kinds = segments.Select(s => s.Kind).ToList();
        Assert.True(kinds.IndexOf(Redline.Deleted) < kinds.IndexOf(Redline.Inserted));
        Assert.Contains(segments, s => s.Kind == Redline.Deleted && s.Text.Contains("login", StringComparison.Ordinal));
        Assert.Contains(segments, s => s.Kind == Redline.Inserted && s.Text.Contains("log-in", StringComparison.Ordinal));
        Assert.Contains(segments, s => s.Kind == Redline.Same && s.Text.Contains("Unchanged line.", StringComparison.Ordinal));
        Assert.DoesNotContain(segments, s => s.Kind != Redline.Same && s.Text.Contains("Title", StringComparison.Ordinal));
    }

    [Fact]
    public void TextsTooLargeToAlignAreShownReplacedWholesale()
    {
        var before = string.Join("\n", Enumerable.Range(0, 2100).Select(i => $"old {i}"));
        var after = string.Join("\n", Enumerable.Range(0, 2100).Select(i => $"new {i}"));
        var segments = Redline.Compare(before, after);
        Assert.Contains("old 2099", Redline.Side(segments, after: false), StringComparison.Ordinal);
        Assert.Contains("new 2099", Redline.Side(segments, after: true), StringComparison.Ordinal);
    }
}
