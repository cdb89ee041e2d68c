using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stats;

namespace Consentry.Cli.Commands;

/// <summary><c>consentry ledger stats</c>: how visitors chose, per period, from the statistics the ledger keeps as it writes.</summary>
internal static class LedgerStatsCommand
{
    /// <summary>The JSON form, shared with the server's statistics API: web casing, enums as their names.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var db = LedgerCommand.Db();
        var site = new Option<string>("--site") { Description = "The site to count.", Required = true };
        var from = new Option<string?>("--from") { Description = "First day counted (YYYY-MM-DD, UTC). Default: 30 days before --to." };
        var to = new Option<string?>("--to") { Description = "Day to stop before (YYYY-MM-DD, UTC). Default: tomorrow, so today counts." };
        var by = new Option<StatsInterval>("--by") { Description = "Period length: day, week (ISO, from Monday) or month.", DefaultValueFactory = _ => StatsInterval.Day };
        var group = new Option<StatsGrouping>("--group") { Description = "Split each period by: none, revision, language or browser.", DefaultValueFactory = _ => StatsGrouping.None };
        var format = new Option<string>("--format", "-f") { Description = "text (a table) or json (the server API's form).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("stats", "Count visitors' choices per period: accept all, reject all, custom, GPC, renewed, withdrawn, and how often each category was granted. Reads the statistics kept as receipts are written, never the receipts themselves. Exit code: 0 done, 1 ledger error, 2 usage error.")
        {
            site, from, to, by, group, format, db,
        };
        command.SetAction(LedgerCommand.Guarded(async (r, cancel) =>
        {
            var end = Day(r.GetValue(to), "--to") ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
            var start = Day(r.GetValue(from), "--from") ?? end.AddDays(-30);
            if (start >= end)
            {
                throw new UsageException($"--from {start:yyyy-MM-dd} is not before --to {end:yyyy-MM-dd}.");
            }

            await using var store = await LedgerCommand.OpenAsync(r, r.GetValue(db), cancel);
            var query = new ConsentStatsQuery(r.GetRequiredValue(site), start, end, r.GetValue(by), r.GetValue(group));
            var rows = await store.StatsAsync(query, cancel);
            var output = r.InvocationConfiguration.Output;
            if (r.GetValue(format) == "json")
            {
                output.WriteLine(JsonSerializer.Serialize(rows, Json));
            }
            else
            {
                WriteTable(query, rows, output);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static DateOnly? Day(string? text, string option) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new UsageException($"{option} '{text}' is not a date (YYYY-MM-DD).");

    /// <summary>One line a period (and group): choices, each method, and each category's grant rate.</summary>
    private static void WriteTable(ConsentStatsQuery query, IReadOnlyList<ConsentStatsRow> rows, TextWriter w)
    {
        if (rows.Count == 0)
        {
            w.WriteLine($"No choices recorded for {query.Site} from {query.From:yyyy-MM-dd} to before {query.To:yyyy-MM-dd}.");
            return;
        }

        string[] methods = [ConsentMethods.AcceptAll, ConsentMethods.RejectAll, ConsentMethods.Custom, ConsentMethods.Gpc, ConsentMethods.Renewed, ConsentMethods.Withdraw];
        var others = rows.SelectMany(x => x.Methods.Keys).Except(methods).Distinct().Order(StringComparer.Ordinal);
        var columns = methods.Concat(others).ToList();
        var categories = rows.SelectMany(x => x.Granted.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var grouped = query.GroupBy != StatsGrouping.None;
        var header = new List<string> { "period" };
        if (grouped)
        {
            header.Add(query.GroupBy.ToString().ToLowerInvariant());
        }

        header.Add("choices");
        header.AddRange(columns);
        header.AddRange(categories.Select(c => c + " granted"));
        var lines = new List<List<string>> { header };
        foreach (var row in rows)
        {
            var line = new List<string> { row.Period.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
            if (grouped)
            {
                line.Add(row.Group);
            }

            line.Add(row.Choices.ToString(CultureInfo.InvariantCulture));
            line.AddRange(columns.Select(m => row.Methods.GetValueOrDefault(m).ToString(CultureInfo.InvariantCulture)));
            line.AddRange(categories.Select(c => Percent(row.Granted.GetValueOrDefault(c), row.Choices)));
            lines.Add(line);
        }

        var widths = header.Select((_, i) => lines.Max(l => l[i].Length)).ToList();
        foreach (var line in lines)
        {
            w.WriteLine(string.Join("  ", line.Select((cell, i) => i == 0 || (grouped && i == 1) ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
        }
    }

    private static string Percent(long part, long whole) =>
        whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
