using Consentry.Ledger.Export;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stores;

namespace Consentry.Ledger.Tests;

public sealed class ConsentExportTests
{
    private static async Task<string> DownloadAsync(string consentId = "00000000000000000000000000000002")
    {
        var path = Path.Combine(Path.GetTempPath(), $"consentry-test-{Guid.NewGuid():N}.db");
        await using (var store = new SqliteReceiptStore(path))
        {
            await store.MigrateAsync(TestContext.Current.CancellationToken);
            var receipts = Enumerable.Range(1, 6).Select(i => Receipts.Make(i % 3 == 2 ? 2 : i)).Append(Receipts.Make(2, "other"));
            await store.AppendAsync([.. receipts.Select(SerializedReceipt.From)], TestContext.Current.CancellationToken);
            using var text = new StringWriter();
            Assert.Equal(2, await ConsentExport.WriteAsync(store, "claimcmr", consentId, text, TestContext.Current.CancellationToken));
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
            return text.ToString();
        }
    }

    [Fact]
    public async Task AVisitorsDownloadVerifiesOnItsOwnAndHoldsOnlyThatSite()
    {
        var file = await DownloadAsync();
        var result = LedgerExport.VerifyJsonLines(new StringReader(file));
        Assert.True(result.Verified, string.Join("; ", result.Problems));
        Assert.Equal(("claimcmr", 2L, 2L, 5L), (result.Site, result.Entries, result.FirstSequence, result.LastSequence));
        Assert.DoesNotContain("\"site\":\"other\"", file, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditedOrRemovedReceiptInTheDownloadIsNamed()
    {
        var file = await DownloadAsync();
        var edited = LedgerExport.VerifyJsonLines(new StringReader(file.Replace("\"analytics\":true", "\"analytics\":false", StringComparison.Ordinal)));
        Assert.Contains(edited.Problems, p => p.Kind == "edited" && p.Sequence == 2);
        var lines = file.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var cut = LedgerExport.VerifyJsonLines(new StringReader(string.Join('\n', lines[..^1])));
        Assert.Contains(cut.Problems, p => p.Kind == "deleted" && p.Detail.Contains("counts 2 receipts, the file holds 1", StringComparison.Ordinal));
    }
}
