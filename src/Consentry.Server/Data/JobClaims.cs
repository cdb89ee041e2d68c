namespace Consentry.Server.Data;

/// <summary>
/// Scheduled work that must run once per period however many instances share the database: an instance runs a
/// job only when it moves the job's last-run time forward itself (one atomic UPDATE; the others see 0 rows).
/// </summary>
internal sealed class JobClaims(ServerDatabase db, TimeProvider clock)
{
    /// <summary>
    /// The claim's time (Unix milliseconds) when this instance may run <paramref name="job"/> now: it last ran at least
    /// <paramref name="period"/> ago (or never) and no other instance claimed it first; else null.
    /// </summary>
    public async Task<long?> ClaimAsync(string job, TimeSpan period, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var due = now - (long)period.TotalMilliseconds;
        if (await db.ExecuteAsync("UPDATE server_jobs SET last_run = @now WHERE name = @job AND last_run <= @due;", cancellationToken, ("@job", job), ("@now", now), ("@due", due)) == 1)
        {
            return now;
        }

        try
        {
            return await db.ExecuteAsync("INSERT INTO server_jobs (name, last_run) VALUES (@job, @now);", cancellationToken, ("@job", job), ("@now", now)) == 1 ? now : null;
        }
        catch (System.Data.Common.DbException e) when (ServerDatabase.IsUniqueViolation(e))
        {
            return null; // another instance inserted it first, or it exists and is not due
        }
    }
}
