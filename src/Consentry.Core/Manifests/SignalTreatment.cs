namespace Consentry.Manifests;

/// <summary>How a browser privacy signal (Do Not Track, Global Privacy Control) is treated.</summary>
public enum SignalTreatment
{
    /// <summary>
    /// <c>honour</c>: Do Not Track refuses every non-essential category; Global Privacy Control refuses
    /// marketing (sale, sharing, targeted advertising).
    /// </summary>
    Honour,
    /// <summary><c>ignore</c>: the signal changes nothing; the policy says so.</summary>
    Ignore,
}
