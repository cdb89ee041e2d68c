using System.Text.Json;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Stores;
using Consentry.Server.Data;
using Microsoft.Extensions.Logging;

namespace Consentry.Server.Records;

/// <summary>Verifies a site's chain in the ledger (on demand, and on a schedule) and keeps the last result per site.</summary>
internal sealed partial class VerificationService(IReceiptStore store, ServerDatabase db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ServerOptions> options, ILogger<VerificationService> logger)
{
    public async Task<VerificationStatus> RunAsync(string site, CancellationToken cancellationToken)
    {
        var results = await LedgerVerifier.VerifyAsync(store, site, cancellationToken);
        var own = results.FirstOrDefault(r => r.Site == site);
        var problems = results.SelectMany(r => r.Problems).Select(p => p.ToString()).ToList();
        var status = new VerificationStatus(site, clock.GetUtcNow(), problems.Count == 0, own?.Entries ?? 0, problems);
        var previous = await LatestAsync(site, cancellationToken);
        var parameters = new (string, object?)[] { ("@site", site), ("@t", status.RunAt.ToUnixTimeMilliseconds()), ("@ok", status.Verified ? 1 : 0), ("@n", status.Entries), ("@p", JsonSerializer.Serialize(problems)) };
        await using var c = await db.OpenAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        if (await ServerDatabase.ExecuteInAsync(c, tx, "UPDATE server_verifications SET run_at = @t, verified = @ok, entries = @n, problems = @p WHERE site_id = @site;", cancellationToken, parameters) == 0)
        {
            await ServerDatabase.ExecuteInAsync(c, tx, "INSERT INTO server_verifications (site_id, run_at, verified, entries, problems) VALUES (@site, @t, @ok, @n, @p);", cancellationToken, parameters);
        }

        // Alert once when a chain breaks (or breaks differently), not at every scheduled run while it stays broken.
        if (!status.Verified && (previous is null || previous.Verified || !previous.Problems.SequenceEqual(problems)))
        {
            await Notifications.Outbox.AddAsync(c, tx, Notifications.EventTypes.VerificationFailed, site, new System.Text.Json.Nodes.JsonObject
            {
                ["summary"] = $"The ledger of {site} failed verification: {problems.Count} problem(s)",
                ["site"] = site,
                ["entries"] = status.Entries,
                ["problems"] = new System.Text.Json.Nodes.JsonArray([.. problems.Take(20).Select(p => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(p))]),
                ["lines"] = new System.Text.Json.Nodes.JsonArray([.. problems.Take(20).Select(p => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(p))]),
                ["link"] = new Uri(options.Value.LinkBase, site == Audit.AuditTrail.SiteId ? "admin/audit" : $"admin/sites/{site}").ToString(),
            }, status.RunAt, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        if (!status.Verified)
        {
            Log.ChainBroken(logger, site, problems.Count, problems[0]);
        }

        return status;
    }

    public async Task<VerificationStatus?> LatestAsync(string site, CancellationToken cancellationToken) =>
        (await db.QueryAsync("SELECT site_id, run_at, verified, entries, problems FROM server_verifications WHERE site_id = @site;", r => new VerificationStatus(
            r.GetString(0), ServerDatabase.Time(r.GetValue(1)), ServerDatabase.Long(r.GetValue(2)) != 0,
            ServerDatabase.Long(r.GetValue(3)), JsonSerializer.Deserialize<List<string>>(r.GetString(4)) ?? []), cancellationToken, ("@site", site))).FirstOrDefault();

    private static partial class Log
    {
        [LoggerMessage(EventId = 7301, Level = LogLevel.Error, Message = "Ledger verification of {Site} found {Count} problem(s); the first: {First}")]
        public static partial void ChainBroken(ILogger logger, string site, int count, string first);
    }
}
