using Consentry.Cli.Commands;
using Consentry.Scanner;

namespace Consentry.Cli.Tests;

public sealed class ScanProgressWriterTests
{
    private static readonly ScanProgress Ended = new(VisitKind.RejectAll, 1, 20, "https://example.com/", "no banner was operated, so there is no choice to follow on other pages") { Ended = true };

    [Fact]
    public void AVisitThatEndedEarlyIsShownAsEndedInALog()
    {
        var log = new StringWriter();
        var writer = new ScanProgressWriter(log, terminal: false);
        writer.Report(new ScanProgress(VisitKind.RejectAll, 1, 20, "https://example.com/", null));
        writer.Report(Ended);
        Assert.Equal(["reject       1/20 https://example.com/", "reject     ended after 1 page(s): no banner was operated, so there is no choice to follow on other pages"], log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void AVisitThatEndedEarlyIsNotShownAsStalledOnATerminal()
    {
        var screen = new StringWriter();
        var writer = new ScanProgressWriter(screen, terminal: true);
        writer.Report(Ended);
        writer.Report(new ScanProgress(VisitKind.Untouched, 5, 20, "https://example.com/p5", null));
        var last = screen.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.StartsWith("untouched 5/20 · reject 1 (ended) · accept 0/20  https://example.com/p5", last, StringComparison.Ordinal);
    }
}
