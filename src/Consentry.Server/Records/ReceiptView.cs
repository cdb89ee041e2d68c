namespace Consentry.Server.Records;

/// <summary>One receipt as a visitor's look-up shows it: its place in the chain and the receipt as hashed (JSON).</summary>
/// <param name="Sequence">Its sequence number in the site's chain.</param>
/// <param name="Hash">Its hash.</param>
/// <param name="PreviousHash">The hash it links to.</param>
/// <param name="Receipt">The receipt, verbatim as hashed.</param>
internal sealed record ReceiptView(long Sequence, string Hash, string PreviousHash, System.Text.Json.JsonElement Receipt);
