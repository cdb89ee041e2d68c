namespace Consentry.AspNetCore;

/// <summary>A witness the ledger submits its signed checkpoints to (C2SP <c>tlog-witness</c>).</summary>
public sealed class WitnessEndpoint
{
    /// <summary>The witness's <c>add-checkpoint</c> URL, e.g. <c>https://witness.example/add-checkpoint</c>.</summary>
    public string Url { get; set; } = "";

    /// <summary>The witness's verifier key (<c>&lt;name&gt;+&lt;hash&gt;+&lt;key&gt;</c>, algorithm 0x04), which its cosignatures are checked with.</summary>
    public string Key { get; set; } = "";
}
