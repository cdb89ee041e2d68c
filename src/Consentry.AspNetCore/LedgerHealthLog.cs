using Microsoft.Extensions.Logging;

namespace Consentry.AspNetCore;

/// <summary>
/// Says once, clearly, when the ledger starts refusing writes (every receipt then gets 503), and once when it
/// recovers: a store that refuses appends is never silent, and never one log line per receipt.
/// </summary>
internal sealed class LedgerHealthLog(ILogger<LedgerHealthLog> logger)
{
    private long _refused;

    public void Refused(Exception e)
    {
        if (Interlocked.Increment(ref _refused) == 1)
        {
            ConsentryLog.LedgerFailing(logger, e.Message.ReplaceLineEndings(" "));
        }
    }

    public void Stored()
    {
        if (Volatile.Read(ref _refused) > 0 && Interlocked.Exchange(ref _refused, 0) is var refused and > 0)
        {
            ConsentryLog.LedgerRecovered(logger, refused);
        }
    }
}
