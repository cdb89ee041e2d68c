using Consentry.Ledger.Receipts;

namespace Consentry.Ledger.Tests;

internal static class Receipts
{
    public static ConsentReceipt Make(int i, string site = "claimcmr", string method = "accept-all") => new()
    {
        Site = site,
        ConsentId = i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture),
        Revision = 1,
        PolicyHash = new string('a', 64),
        Categories = new Dictionary<string, bool> { ["necessary"] = true, ["analytics"] = method == "accept-all" },
        Services = new Dictionary<string, bool> { ["posthog"] = method == "accept-all" },
        Method = method,
        Language = "en",
        PageUrl = "https://claimcmr.com/",
        UserAgentFamily = "Chrome",
        ServerTime = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000 + (i * 1000L)),
    };
}
