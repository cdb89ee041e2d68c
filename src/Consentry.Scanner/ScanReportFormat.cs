namespace Consentry.Scanner;

/// <summary>The forms a scan report takes.</summary>
public enum ScanReportFormat
{
    /// <summary>Plain text for a terminal or a log.</summary>
    Text,
    /// <summary>JSON: every observation and finding, with provenance (docs/scanner.md).</summary>
    Json,
    /// <summary>A standalone HTML page with the banner screenshots of each visit.</summary>
    Html,
    /// <summary>SARIF 2.1.0 for code scanning, located at the manifest lines.</summary>
    Sarif,
}
