namespace Consentry.Ledger.Transparency;

/// <summary>A witness's answer to <c>add-checkpoint</c>, as C2SP <c>tlog-witness</c> defines it.</summary>
/// <param name="Status">200 cosigned (the body is the cosignature line), 400 malformed, 403 not signed by the log's key, 404 unknown log, 409 the old size is not the witness's (the body is its size) or a fork, 422 the consistency proof fails.</param>
/// <param name="ContentType">The body's media type (<c>text/x.tlog.size</c> for a 409 with a size).</param>
/// <param name="Body">The cosignature line, the witness's size, or why the checkpoint was refused.</param>
public sealed record WitnessAnswer(int Status, string ContentType, string Body);
