using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Consentry.Server.Data;

namespace Consentry.Server.Notices;

/// <summary>
/// Notice runs and their recipients in the server's tables. One run per site and revision, one row per address in
/// a run (both primary keys), so a recipient is told about a revision once however often they are handed over.
/// </summary>
internal sealed class NoticeRepository(ServerDatabase db, TimeProvider clock)
{
    private const string RunColumns = "id, site_id, revision, status, created, started, finished, recipients, sent, failed, bounced, codes";

    /// <summary>The run for the site's revision, made when it does not exist yet.</summary>
    public async Task<NoticeRun> RunForAsync(string siteId, int revision, CancellationToken cancellationToken)
    {
        if (await RunAsync(siteId, revision, cancellationToken) is { } run)
        {
            return run;
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await db.ExecuteAsync($"INSERT INTO server_notice_runs ({RunColumns}) VALUES (@id, @site, @rev, 'collecting', @t, @t, @t, 0, 0, 0, 0, '{{}}') ON CONFLICT DO NOTHING;", cancellationToken,
            ("@id", "ntc_" + Guid.CreateVersion7().ToString("N")), ("@site", siteId), ("@rev", revision), ("@t", now));
        return (await RunAsync(siteId, revision, cancellationToken))!;
    }

    public async Task<NoticeRun?> RunAsync(string siteId, int revision, CancellationToken cancellationToken) =>
        (await db.QueryAsync($"SELECT {RunColumns} FROM server_notice_runs WHERE site_id = @site AND revision = @rev;", Read, cancellationToken, ("@site", siteId), ("@rev", revision))).FirstOrDefault();

    public Task<List<NoticeRun>> RunsAsync(string siteId, CancellationToken cancellationToken) =>
        db.QueryAsync($"SELECT {RunColumns} FROM server_notice_runs WHERE site_id = @site ORDER BY revision DESC;", Read, cancellationToken, ("@site", siteId));

    /// <summary>Runs that are sending.</summary>
    public Task<List<NoticeRun>> SendingAsync(CancellationToken cancellationToken) =>
        db.QueryAsync($"SELECT {RunColumns} FROM server_notice_runs WHERE status = 'sending' ORDER BY created;", Read, cancellationToken);

    /// <summary>Adds recipients to a run not finished yet, in one transaction; returns how many were new (the others were in the run already).</summary>
    public async Task<int> AddAsync(NoticeRun run, IReadOnlyCollection<NoticeRecipient> recipients, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        var added = 0;
        foreach (var r in recipients)
        {
            added += await ServerDatabase.ExecuteInAsync(c, tx, "INSERT INTO server_notice_recipients (run_id, address, language, status, attempts, lease_until, result) VALUES (@run, @a, @l, 'pending', 0, 0, '') ON CONFLICT DO NOTHING;",
                cancellationToken, ("@run", run.Id), ("@a", r.Address), ("@l", r.Language));
        }

        if (await ServerDatabase.ExecuteInAsync(c, tx, "UPDATE server_notice_runs SET recipients = recipients + @n WHERE id = @run AND status <> 'done';", cancellationToken, ("@run", run.Id), ("@n", added)) == 0)
        {
            return 0; // finished meanwhile: nothing is added (the transaction is not committed)
        }

        await tx.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>Starts sending a collecting run; false when it is not collecting.</summary>
    public async Task<bool> StartAsync(NoticeRun run, CancellationToken cancellationToken) =>
        await db.ExecuteAsync("UPDATE server_notice_runs SET status = 'sending', started = @t WHERE id = @run AND status = 'collecting';", cancellationToken,
            ("@run", run.Id), ("@t", clock.GetUtcNow().ToUnixTimeMilliseconds())) == 1;

    /// <summary>Leases up to <paramref name="max"/> pending recipients of the run whose lease is over, for <paramref name="lease"/>.</summary>
    public async Task<List<(NoticeRecipient Recipient, int Attempts)>> ClaimAsync(NoticeRun run, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var due = await db.QueryAsync("SELECT address, language, attempts FROM server_notice_recipients WHERE run_id = @run AND status = 'pending' AND lease_until <= @now ORDER BY address LIMIT @max;",
            r => (new NoticeRecipient(r.GetString(0), r.GetString(1)), Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture)), cancellationToken, ("@run", run.Id), ("@now", now), ("@max", max));
        var claimed = new List<(NoticeRecipient, int)>();
        foreach (var (recipient, attempts) in due)
        {
            if (await db.ExecuteAsync("UPDATE server_notice_recipients SET lease_until = @until WHERE run_id = @run AND address = @a AND status = 'pending' AND lease_until <= @now;", cancellationToken,
                ("@run", run.Id), ("@a", recipient.Address), ("@now", now), ("@until", now + (long)lease.TotalMilliseconds)) == 1)
            {
                claimed.Add((recipient, attempts));
            }
        }

        return claimed;
    }

    /// <summary>Records one attempt: sent, bounced or failed for good, or pending again (a temporary refusal) after <paramref name="retryAfter"/>.</summary>
    public Task RecordAsync(NoticeRun run, string address, string status, string result, TimeSpan? retryAfter, CancellationToken cancellationToken) =>
        db.ExecuteAsync("UPDATE server_notice_recipients SET status = @s, attempts = attempts + 1, lease_until = @until, result = @r WHERE run_id = @run AND address = @a;", cancellationToken,
            ("@run", run.Id), ("@a", address), ("@s", status), ("@r", result), ("@until", retryAfter is { } wait ? (clock.GetUtcNow() + wait).ToUnixTimeMilliseconds() : 0));

    /// <summary>Gives every lease back (one instance, at its start: no other instance can hold one).</summary>
    public Task ReleaseLeasesAsync(CancellationToken cancellationToken) =>
        db.ExecuteAsync("UPDATE server_notice_recipients SET lease_until = 0 WHERE status = 'pending';", cancellationToken);

    /// <summary>The run's figures so far, counted from its recipients.</summary>
    public async Task<NoticeRun> ProgressAsync(NoticeRun run, CancellationToken cancellationToken)
    {
        if (run.Status == NoticeStatus.Done)
        {
            return run;
        }

        var (counts, codes) = await CountAsync(run.Id, cancellationToken);
        return run with { Sent = counts.GetValueOrDefault(NoticeStatus.Sent), Failed = counts.GetValueOrDefault(NoticeStatus.Failed), Bounced = counts.GetValueOrDefault(NoticeStatus.Bounced), Codes = codes };
    }

    /// <summary>
    /// Finishes a sending run with nothing pending: its figures are kept and its addresses deleted, in one
    /// transaction. False while recipients are still pending.
    /// </summary>
    public async Task<bool> FinishAsync(NoticeRun run, CancellationToken cancellationToken)
    {
        var (counts, codes) = await CountAsync(run.Id, cancellationToken);
        if (counts.GetValueOrDefault(NoticeStatus.Pending) > 0)
        {
            return false;
        }

        await using var c = await db.OpenAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        if (await ServerDatabase.ExecuteInAsync(c, tx,
            "UPDATE server_notice_runs SET status = 'done', finished = @t, sent = @sent, failed = @failed, bounced = @bounced, codes = @codes WHERE id = @run AND status = 'sending' " +
            "AND NOT EXISTS (SELECT 1 FROM server_notice_recipients WHERE run_id = @run AND status = 'pending');", cancellationToken,
            ("@run", run.Id), ("@t", clock.GetUtcNow().ToUnixTimeMilliseconds()), ("@sent", counts.GetValueOrDefault(NoticeStatus.Sent)), ("@failed", counts.GetValueOrDefault(NoticeStatus.Failed)),
            ("@bounced", counts.GetValueOrDefault(NoticeStatus.Bounced)), ("@codes", JsonSerializer.Serialize(codes))) == 0)
        {
            return false;
        }

        await ServerDatabase.ExecuteInAsync(c, tx, "DELETE FROM server_notice_recipients WHERE run_id = @run;", cancellationToken, ("@run", run.Id));
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<(Dictionary<string, long> Counts, Dictionary<string, long> Codes)> CountAsync(string runId, CancellationToken cancellationToken)
    {
        var rows = await db.QueryAsync("SELECT status, CASE WHEN status IN ('bounced', 'failed') THEN substr(result, 1, 3) ELSE '' END, COUNT(*) FROM server_notice_recipients WHERE run_id = @run GROUP BY 1, 2;",
            r => (Status: r.GetString(0), Code: r.GetString(1), N: ServerDatabase.Long(r.GetValue(2))), cancellationToken, ("@run", runId));
        var counts = rows.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Sum(r => r.N), StringComparer.Ordinal);
        var codes = rows.Where(r => r.Code.Length == 3 && r.Code.All(char.IsAsciiDigit)).GroupBy(r => r.Code).ToDictionary(g => g.Key, g => g.Sum(r => r.N), StringComparer.Ordinal);
        return (counts, codes);
    }

    private static NoticeRun Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture), r.GetString(3), ServerDatabase.Time(r.GetValue(4)), ServerDatabase.Time(r.GetValue(5)), ServerDatabase.Time(r.GetValue(6)),
        ServerDatabase.Long(r.GetValue(7)), ServerDatabase.Long(r.GetValue(8)), ServerDatabase.Long(r.GetValue(9)), ServerDatabase.Long(r.GetValue(10)), JsonSerializer.Deserialize<Dictionary<string, long>>(r.GetString(11)) ?? []);
}
