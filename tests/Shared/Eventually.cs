namespace Consentry.Tests;

/// <summary>
/// Waiting on an event the test cannot subscribe to (a signed checkpoint, a log line, a cookie reaching the browser's
/// store): polls until it holds. The ceiling only catches a hang on a busy machine; it is never a timing assertion.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(2);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails naming <paramref name="what"/> if it never does.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        var hang = DateTime.UtcNow + HangLimit;
        while (!await condition())
        {
            if (DateTime.UtcNow > hang)
            {
                throw new TimeoutException($"Never seen within {HangLimit.TotalMinutes:F0} minutes (a hang): {what}.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, string, CancellationToken)"/>
    public static Task UntilAsync(Func<bool> condition, string what, CancellationToken cancellationToken) =>
        UntilAsync(() => Task.FromResult(condition()), what, cancellationToken);
}
