namespace Consentry.Regions;

/// <summary>How a region's law asks for consent, strictest first (the manifest's <c>regions</c> values).</summary>
public enum ConsentModel
{
    /// <summary><c>opt-in</c>: necessary only until the visitor accepts (EU/EEA, UK, Switzerland; any region not known).</summary>
    OptIn,

    /// <summary><c>opt-out</c>: non-essential categories on until the visitor opts out; Global Privacy Control is an opt-out (US states with privacy laws).</summary>
    OptOut,

    /// <summary><c>notice</c>: inform only.</summary>
    Notice,

    /// <summary><c>none</c>: no banner.</summary>
    None,
}
