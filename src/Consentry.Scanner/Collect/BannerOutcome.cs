namespace Consentry.Scanner.Collect;

/// <summary>
/// What operating the banner came to: whether the choice was made, which banner and button (or why none), and,
/// when a banner was on screen but could not be operated, which button, at which step and why.
/// </summary>
internal sealed record BannerOutcome(bool Operated, string Note, string? Problem = null)
{
    public static BannerOutcome NotOperated(string note) => new(false, note);
}
