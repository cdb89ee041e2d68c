using Consentry.Ledger.Stats;
using Consentry.Ledger.Stores;
using Consentry.Server.Analytics;
using Consentry.Server.Sites;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Consentry.Server.Pages.Admin;

/// <summary>A site's consent statistics as a chart and a table, from the aggregates the ledger keeps.</summary>
internal sealed class StatsModel(SiteCatalog catalog, IReceiptStore store, TimeProvider clock) : PageModel
{
    public string SiteId { get; private set; } = "";

    public string From { get; private set; } = "";

    public string To { get; private set; } = "";

    public string By { get; private set; } = "day";

    public string Group { get; private set; } = "none";

    public string? Problem { get; private set; }

    public IReadOnlyList<ConsentStatsRow> Rows { get; private set; } = [];

    public IReadOnlyList<string> MethodColumns { get; private set; } = [];

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public string Chart { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string id, string? from, string? to, string? by, string? group)
    {
        if (catalog.View(id, "") is null)
        {
            return NotFound();
        }

        SiteId = id;
        var (query, problem) = StatsRequest.Parse(id, from, to, by, group, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (query is null)
        {
            Problem = problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            (From, To, By, Group) = (from ?? "", to ?? "", by ?? "day", group ?? "none");
            return Page();
        }

        (From, To) = (query.From.ToString("yyyy-MM-dd"), query.To.ToString("yyyy-MM-dd"));
        (By, Group) = (query.Interval.ToString().ToLowerInvariant(), query.GroupBy.ToString().ToLowerInvariant());
        Rows = await store.StatsAsync(query, HttpContext.RequestAborted);
        MethodColumns = [.. StatsChart.Methods.Concat(Rows.SelectMany(r => r.Methods.Keys).Except(StatsChart.Methods).Distinct().Order(StringComparer.Ordinal))];
        Categories = [.. Rows.SelectMany(r => r.Granted.Keys).Distinct().Order(StringComparer.Ordinal)];
        Chart = StatsChart.Svg(Rows, $"Choices per {By} on {id}, from {From} to before {To}");
        return Page();
    }
}
