namespace Consentry.Manifests;

/// <summary>The unit a fixed duration was written in; kept so the policy says "1 year", not "365 days".</summary>
public enum DurationUnit
{
    /// <summary>Seconds (<c>s</c>).</summary>
    Second,
    /// <summary>Minutes (<c>min</c>).</summary>
    Minute,
    /// <summary>Hours (<c>h</c>).</summary>
    Hour,
    /// <summary>Days (<c>d</c>).</summary>
    Day,
    /// <summary>Weeks (<c>w</c>).</summary>
    Week,
    /// <summary>Months of 30 days (<c>mo</c>).</summary>
    Month,
    /// <summary>Years of 365 days (<c>y</c>).</summary>
    Year,
}
