namespace Consentry.Server.Audit;

/// <summary>One entry of the audit trail: who did what to which object, when, and its place in the chain.</summary>
/// <param name="Sequence">Its sequence number in the audit chain.</param>
/// <param name="Time">When.</param>
/// <param name="Actor">An account's e-mail, <c>key:&lt;id&gt;</c> for an API key, <c>folder</c> or <c>cli</c>.</param>
/// <param name="Action">Such as <c>site.publish</c>, <c>records.lookup</c>, <c>records.export</c>, <c>user.add</c>, <c>key.create</c>, <c>signin.locked</c>.</param>
/// <param name="Target">The object: a site id, a consent id, an e-mail, a key id.</param>
/// <param name="Detail">A line of detail.</param>
internal sealed record AuditRecord(long Sequence, DateTimeOffset Time, string Actor, string Action, string Target, string Detail);
