using Consentry.Regions;

namespace Consentry.AspNetCore;

/// <summary>What the visitor has granted, read from the consent cookie for the current manifest revision.</summary>
public sealed record ConsentState
{
    // The default of both sets: shared and unchangeable, so a state built with its own sets allocates no others.
    private static readonly IReadOnlySet<string> NoNames = System.Collections.Frozen.FrozenSet<string>.Empty;

    /// <summary>No choice recorded (or one for an older revision): only strictly necessary categories are granted.</summary>
    public static ConsentState None { get; } = new();

    /// <summary>The random consent id, or null without a choice.</summary>
    public string? ConsentId { get; init; }
    /// <summary>The manifest revision the choice was made for.</summary>
    public int Revision { get; init; }
    /// <summary>Granted categories, including strictly necessary ones.</summary>
    public IReadOnlySet<string> Categories { get; init; } = NoNames;
    /// <summary>Granted services (provider ids).</summary>
    public IReadOnlySet<string> Services { get; init; } = NoNames;
    /// <summary>How the choice was made (accept-all, reject-all, custom, withdraw, renewed, gpc, dnt, api, or linked: applied from the signed-in account's choice on another browser).</summary>
    public string? Method { get; init; }
    /// <summary>When the first choice was made.</summary>
    public DateTimeOffset? GivenAt { get; init; }
    /// <summary>When the choice last changed.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
    /// <summary>The choice's receipt in the site's transparency log (its leaf index), once the banner has the ledger's answer; what an inclusion proof is asked for with.</summary>
    public long? LeafIndex { get; init; }

    /// <summary>
    /// The consent model of the visitor's region (the manifest's <c>regions</c>): outside <see cref="ConsentModel.OptIn"/>
    /// a visitor without a choice has every category granted until they opt out.
    /// </summary>
    public ConsentModel Model { get; init; }

    /// <summary>True when a choice for the current revision exists.</summary>
    public bool HasChoice => ConsentId is not null;

    /// <summary>True when <paramref name="category"/> (and, if given, <paramref name="service"/>) is granted.</summary>
    public bool IsGranted(string category, string? service = null) =>
        Categories.Contains(category) && (service is null || Services.Contains(service));
}
