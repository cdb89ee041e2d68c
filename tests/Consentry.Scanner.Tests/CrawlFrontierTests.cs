using Consentry.Scanner.Collect;

namespace Consentry.Scanner.Tests;

/// <summary>The pages a visit's tabs share: breadth-first, each once, within the page limit, and an end every tab sees.</summary>
public sealed class CrawlFrontierTests
{
    private static readonly Uri Start = new("https://shop.example/");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APageThatCouldNotBeScannedDoesNotUseUpThePageLimit()
    {
        var frontier = new CrawlFrontier(Start, maxPages: 2);
        foreach (var path in new[] { "/a.pdf", "/b", "/c", "/d" })
        {
            frontier.Add(new Uri(Start, path).ToString(), 1);
        }

        var taken = new List<string>();
        while (await frontier.TakeAsync(Ct) is { } next)
        {
            taken.Add(next.Url.AbsolutePath);
            frontier.Done(scanned: !next.Url.AbsolutePath.EndsWith(".pdf", StringComparison.Ordinal));
        }

        Assert.Equal(["/a.pdf", "/b", "/c"], taken);
    }

    [Fact]
    public async Task ATabWithNothingToTakeWaitsForTheLinksOfAPageStillInHand()
    {
        var frontier = new CrawlFrontier(Start, maxPages: 10);
        frontier.Add(Start.ToString(), 0);
        var first = await frontier.TakeAsync(Ct);
        Assert.NotNull(first);

        var waiting = frontier.TakeAsync(Ct);
        Assert.False(waiting.IsCompleted);
        frontier.Add(new Uri(Start, "/next").ToString(), 1);
        Assert.Equal("/next", (await waiting)?.Url.AbsolutePath);

        var last = frontier.TakeAsync(Ct);
        frontier.Done(scanned: true);
        Assert.False(last.IsCompleted);
        frontier.Done(scanned: true);
        Assert.Null(await last);
    }

    [Fact]
    public async Task ALinkIsTakenOnceAndOnlyWhenItIsOnTheSite()
    {
        var frontier = new CrawlFrontier(Start, maxPages: 10);
        frontier.Add("https://shop.example/a#top", 1);
        frontier.Add("https://shop.example/a", 1);
        frontier.Add("https://elsewhere.example/a", 1);
        frontier.Add("mailto:privacy@shop.example", 1);
        Assert.Equal("https://shop.example/a", (await frontier.TakeAsync(Ct))?.Url.ToString());
        frontier.Done(scanned: true);
        Assert.Null(await frontier.TakeAsync(Ct));
    }
}
