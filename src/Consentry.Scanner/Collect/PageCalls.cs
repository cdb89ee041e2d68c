using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>
/// Every call into a page is bounded. Playwright's evaluate has no timeout of its own: a page whose main thread
/// never frees (an endless loop in a timer), or a frame that never gets a document (an iframe of a file: or
/// chrome: address), would hold the scan forever. A call that does not answer in time is abandoned, and its
/// tab is then known to be unresponsive.
/// </summary>
internal static class PageCalls
{
    /// <summary>The longest one call into a page (a script, a screenshot, a CDP command) may take.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>The call's value; <c>Answered</c> false when it failed or was abandoned, <c>TimedOut</c> true when it was abandoned.</summary>
    public static async Task<(bool Answered, bool TimedOut, T? Value)> TryAsync<T>(Task<T> call, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        try
        {
            return (true, false, await call.WaitAsync(limit ?? Limit, cancellationToken));
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException or OperationCanceledException)
        {
            Observe(call);
            return (false, e is TimeoutException, default);
        }
    }

    /// <summary>As <see cref="TryAsync{T}"/> for calls without a value; true when it completed in time.</summary>
    public static async Task<bool> TryAsync(Task call, CancellationToken cancellationToken, TimeSpan? limit = null) =>
        await ReasonAsync(call, cancellationToken, limit) is null;

    /// <summary>As <see cref="TryAsync(Task, CancellationToken, TimeSpan?)"/>, but says why a call failed: null when it completed in time, else the reason's first line.</summary>
    public static async Task<string?> ReasonAsync(Task call, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        try
        {
            await call.WaitAsync(limit ?? Limit, cancellationToken);
            return null;
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException or OperationCanceledException)
        {
            Observe(call);
            return e is OperationCanceledException ? "the scan was stopped" : e.Message.Split('\n')[0].Trim();
        }
    }

    /// <summary>An abandoned call may still fail later; its exception is observed so it never surfaces elsewhere.</summary>
    private static void Observe(Task call) =>
        call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
