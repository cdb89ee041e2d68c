namespace Consentry.Cli;

/// <summary>The exit codes every command shares.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>The input is invalid (manifest errors), or a check failed.</summary>
    public const int Failed = 1;
    /// <summary>The command line is wrong: unknown option, missing argument, bad value.</summary>
    public const int Usage = 2;
}
