namespace Consentry.Regions;

/// <summary>The written names of the consent models: in the manifest's <c>regions</c>, the banner's configuration and receipts.</summary>
public static class ConsentModelNames
{
    /// <summary>Every model with its name, strictest first.</summary>
    public static IReadOnlyList<(string Name, ConsentModel Model)> All { get; } =
        [("opt-in", ConsentModel.OptIn), ("opt-out", ConsentModel.OptOut), ("notice", ConsentModel.Notice), ("none", ConsentModel.None)];

    /// <summary>The name of <paramref name="model"/>: <c>opt-in</c>, <c>opt-out</c>, <c>notice</c> or <c>none</c>.</summary>
    public static string Of(ConsentModel model) => All.First(m => m.Model == model).Name;
}
