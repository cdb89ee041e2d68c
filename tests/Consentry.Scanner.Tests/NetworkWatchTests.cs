using Consentry.Scanner.Collect;

namespace Consentry.Scanner.Tests;

/// <summary>A tab's network is quiet only when nothing is in flight and nothing has begun or ended for a short window; a request that never ends is waited for only until the caller's bound.</summary>
public sealed class NetworkWatchTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(20);

    /// <summary>Only catches a hang: every wait below that should end, ends by an event long before it.</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARequestInFlightHoldsTheQuietUntilItEnds()
    {
        var watch = new NetworkWatch();
        var request = new object();
        watch.Begin(request);
        var quiet = watch.QuietAsync(Window, HangLimit, Ct);

        // Ten windows later it still waits: only the request's end (or the two-minute bound) can end it.
        await Task.Delay(Window * 10, Ct);
        Assert.False(quiet.IsCompleted);

        watch.End(request);
        Assert.True(await quiet.WaitAsync(HangLimit, Ct));
    }

    [Fact]
    public async Task ARequestThatNeverEndsIsWaitedForOnlyUntilTheBound()
    {
        var watch = new NetworkWatch();
        watch.Begin(new object());
        Assert.False(await watch.QuietAsync(Window, TimeSpan.FromMilliseconds(50), Ct).WaitAsync(HangLimit, Ct));
    }

    [Fact]
    public async Task ARequestBegunDuringTheWindowStartsTheWaitAgain()
    {
        var watch = new NetworkWatch();
        var first = new object();
        watch.Begin(first);
        var quiet = watch.QuietAsync(Window, HangLimit, Ct);
        watch.End(first);
        var second = new object();
        watch.Begin(second);
        await Task.Delay(Window * 10, Ct);
        Assert.False(quiet.IsCompleted);

        watch.End(second);
        Assert.True(await quiet.WaitAsync(HangLimit, Ct));
        Assert.Equal(2, watch.Started);
    }

    [Fact]
    public async Task AnEndNeverSeenToBeginIsIgnored()
    {
        var watch = new NetworkWatch();
        watch.End(new object());
        Assert.Equal(0, watch.Started);
        Assert.True(await watch.QuietAsync(Window, HangLimit, Ct).WaitAsync(HangLimit, Ct));
    }

    [Fact]
    public async Task TheOldDocumentsRequestsAreForgottenWhenANewOneLoads()
    {
        var watch = new NetworkWatch();
        watch.Begin(new object());
        watch.Forget();
        Assert.True(await watch.QuietAsync(Window, HangLimit, Ct).WaitAsync(HangLimit, Ct));
    }
}
