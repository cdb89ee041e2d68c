namespace Consentry.Server.Notices;

/// <summary>Spaces sends evenly at a rate (messages per second) on the given clock; zero or less means no limit.</summary>
internal sealed class Pacer(TimeProvider clock)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public Task WaitAsync(double perSecond, CancellationToken cancellationToken)
    {
        if (perSecond <= 0)
        {
            return Task.CompletedTask;
        }

        TimeSpan wait;
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            var slot = _next > now ? _next : now;
            _next = slot + TimeSpan.FromSeconds(1 / perSecond);
            wait = slot - now;
        }

        return wait > TimeSpan.Zero ? Task.Delay(wait, clock, cancellationToken) : Task.CompletedTask;
    }
}
