using System.Net;
using System.Text.RegularExpressions;
using Consentry.Server.Scans;

namespace Consentry.Server.Tests;

/// <summary>Scheduled scans on two real server processes sharing one real PostgreSQL (Quartz's clustered store).</summary>
public sealed partial class ClusteredScanTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoInstancesScanEachScheduledFiringOnceAndTheSurvivorFinishesAScanWhoseInstanceWasKilled()
    {
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(await postgres.Server.CreateDatabaseAsync()) { Timeout = 120, CommandTimeout = 300 }.ConnectionString;
        var folder = Directory.CreateTempSubdirectory("consentry-scan-cluster-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "claimcmr"));
        File.Copy(RepoPaths.Example("claimcmr"), Path.Combine(folder, "claimcmr", "cookies.yaml"));
        var env = new Dictionary<string, string>
        {
            ["CONSENTRY_POSTGRES"] = connection, ["CONSENTRY_DATA"] = folder, ["CONSENTRY_VERIFYEVERY"] = "00:00:00",
            ["CONSENTRY_SCANS__CLUSTERCHECKIN"] = "00:00:01", ["CONSENTRY_SCANS__CONCURRENCY"] = "1",
        };
        var add = await CliProcess.RunAsync(["server", "admin", "add", "--email", "ops@example.com", "--postgres", connection, "--password-stdin"], ServerUnderTest.Password);
        Assert.True(add.ExitCode == 0, add.Err);
        await using var target = await ScanTarget.StartAsync();
        var a = await ServerProcess.StartAsync(env, "--manifests", folder);
        var b = await ServerProcess.StartAsync(env);
        try
        {
            var session = new AdminSession(a.Client);
            Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync("ops@example.com", ServerUnderTest.Password)).StatusCode);

            // A firing every 4 seconds; both instances compete for each one.
            await ScheduleAsync(session, target, "0/4 * * * * ?", enabled: true);
            var scheduled = await WaitForAsync(connection, rows => rows.Count(r => r.Origin == "schedule" && r.Status == ScanStatus.Done) >= 4 ? rows : null);
            await ScheduleAsync(session, target, "0/4 * * * * ?", enabled: false);
            await WaitForAsync(connection, rows => rows.All(r => r.Status != ScanStatus.Running) ? rows : null);
            var keys = scheduled.Where(r => r.Origin == "schedule").Select(r => r.FireKey).ToList();
            Assert.Equal(keys.Count, keys.Distinct().Count());
            Assert.All(keys, k => Assert.Equal(0, long.Parse(k.Split(':')[2], System.Globalization.CultureInfo.InvariantCulture) % 4000));
            // No instance was even handed a firing the other had: no refused duplicate in either log.
            Assert.DoesNotContain(a.Output.Concat(b.Output), l => l.Contains("that firing was scanned", StringComparison.Ordinal));

            // A scan now whose page stalls; the instance running it is killed (-9) mid-scan; the other recovers and finishes it.
            target.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var run = await session.PostFormAsync("/admin/sites/claimcmr/scans?handler=Run", [], pagePath: "/admin/sites/claimcmr/scans");
            Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
            await target.Waiting.Task.WaitAsync(TimeSpan.FromMinutes(10), Ct);
            var running = (await WaitForAsync(connection, rows => rows.FirstOrDefault(r => r.Origin == "manual" && r.Status == ScanStatus.Running) is { } r ? new List<Row> { r } : null))[0];
            var (doomed, survivor) = running.Instance.EndsWith($":{a.Id}", StringComparison.Ordinal) ? (a, b) : (b, a);
            await doomed.KillAsync();
            target.Gate.TrySetResult();

            var finished = (await WaitForAsync(connection, rows => rows.FirstOrDefault(r => r.Id == running.Id && r.Status != ScanStatus.Running) is { } r ? new List<Row> { r } : null))[0];
            Assert.Equal(ScanStatus.Done, finished.Status);
            Assert.Equal(2, finished.Attempts);
            Assert.EndsWith($":{survivor.Id}", finished.Instance, StringComparison.Ordinal);
            Assert.Single(await RowsAsync(connection), r => r.Origin == "manual");
            Assert.Contains(survivor.Output, l => l.Contains($"({running.Id}, attempt 2)", StringComparison.Ordinal));
        }
        finally
        {
            target.Gate?.TrySetResult();
            await a.DisposeAsync();
            await b.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task ScheduleAsync(AdminSession session, ScanTarget target, string cron, bool enabled)
    {
        var fields = new Dictionary<string, string> { ["cron"] = cron, ["url"] = target.Address.ToString(), ["maxPages"] = "1" };
        if (enabled)
        {
            fields["enabled"] = "true";
        }

        var saved = await session.PostFormAndFollowAsync("/admin/sites/claimcmr/scans?handler=Schedule", fields, "/admin/sites/claimcmr/scans");
        Assert.Contains("Schedule saved", saved.Body, StringComparison.Ordinal);
    }

    private sealed record Row(string Id, string FireKey, string Origin, string Status, string Instance, int Attempts);

    private static async Task<List<Row>> RowsAsync(string connection)
    {
        await using var c = new Npgsql.NpgsqlConnection(connection);
        await c.OpenAsync(Ct);
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT id, fire_key, origin, status, instance, attempts FROM server_scans ORDER BY started;", c);
        await using var r = await cmd.ExecuteReaderAsync(Ct);
        var rows = new List<Row>();
        while (await r.ReadAsync(Ct))
        {
            rows.Add(new Row(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5)));
        }

        return rows;
    }

    /// <summary>Polls the scans table until <paramref name="done"/> answers; an outer limit only catches a hang.</summary>
    private static async Task<List<Row>> WaitForAsync(string connection, Func<List<Row>, List<Row>?> done)
    {
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        hang.CancelAfter(TimeSpan.FromMinutes(10));
        while (true)
        {
            if (done(await RowsAsync(connection)) is { } result)
            {
                return result;
            }

            await Task.Delay(250, hang.Token);
        }
    }
}
