using Consentry.Ledger.Receipts;

namespace Consentry.Ledger.Stats;

/// <summary>
/// The statistics of one commit batch, summed in memory so a store adds each (day, revision, language, browser,
/// method) and (…, category) count once per batch, in the batch's own transaction.
/// </summary>
internal sealed class StatsBatch
{
    public Dictionary<(string Site, int Day, int Revision, string Language, string Browser, string Method), long> Choices { get; } = [];

    public Dictionary<(string Site, int Day, int Revision, string Language, string Browser, string Category), long> Grants { get; } = [];

    public bool IsEmpty => Choices.Count == 0;

    public void Add(string site, ReceiptTally t)
    {
        var key = (site, t.Day, t.Revision, t.Language, t.Browser, t.Method);
        Choices[key] = Choices.GetValueOrDefault(key) + 1;
        foreach (var category in t.Granted)
        {
            var g = (site, t.Day, t.Revision, t.Language, t.Browser, category);
            Grants[g] = Grants.GetValueOrDefault(g) + 1;
        }
    }
}
