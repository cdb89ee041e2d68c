using Consentry.Scanner.Report;

namespace Consentry.Scanner;

/// <summary>Renders a scan's result; reporters only render what the inspector found, they never analyse.</summary>
public static class ScanReport
{
    /// <summary>The report of <paramref name="result"/> in <paramref name="format"/>, ending with a newline.</summary>
    public static string Write(ScanResult result, ScanReportFormat format)
    {
        ArgumentNullException.ThrowIfNull(result);
        return format switch
        {
            ScanReportFormat.Text => TextReport.Write(result),
            ScanReportFormat.Json => JsonReport.Write(result) + "\n",
            ScanReportFormat.Html => HtmlReport.Write(result),
            ScanReportFormat.Sarif => SarifReport.Write(result) + "\n",
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Text, Json, Html or Sarif."),
        };
    }

    /// <summary>Writes the report to <paramref name="output"/>.</summary>
    public static void Write(ScanResult result, ScanReportFormat format, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Write(result, format));
    }
}
