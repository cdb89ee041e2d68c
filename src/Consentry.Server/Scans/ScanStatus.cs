namespace Consentry.Server.Scans;

/// <summary>Where a scan stands.</summary>
internal static class ScanStatus
{
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}
