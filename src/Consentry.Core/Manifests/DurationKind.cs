namespace Consentry.Manifests;

/// <summary>The kind of lifetime an item has.</summary>
public enum DurationKind
{
    /// <summary>A session cookie: gone when the browser closes (<c>session</c>).</summary>
    Session,
    /// <summary>A fixed lifetime such as <c>8h</c>, <c>365d</c> or <c>1y</c>.</summary>
    Fixed,
    /// <summary>Kept until the visitor or the site clears it (<c>until-cleared</c>), typical of localStorage.</summary>
    UntilCleared,
    /// <summary>Kept until the tab closes (<c>until-tab-closed</c>), typical of sessionStorage.</summary>
    UntilTabClosed,
}
