using Consentry.Server.Scans;

namespace Consentry.Server.Tests;

/// <summary>A recovered scheduled firing takes the original firing's key, whatever form Quartz kept its time in.</summary>
public sealed class ScanFireKeyTests
{
    private static readonly DateTimeOffset Fired = new(2026, 12, 1, 5, 21, 32, TimeSpan.Zero);

    [Theory]
    [InlineData("12/01/2026 05:21:32 +00:00")]
    [InlineData("1796102492000")]
    public void TheOriginalFiringTimeIsReadFromWhatQuartzKept(string kept) =>
        Assert.Equal(Fired, ScanJob.Original(kept));

    [Fact]
    public void AKeptDateIsReadAsItIs() => Assert.Equal(Fired, ScanJob.Original(Fired));
}
