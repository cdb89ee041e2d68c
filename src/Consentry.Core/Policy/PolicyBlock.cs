namespace Consentry.Policy;

/// <summary>A block of a policy section: paragraph, list, table or sub-heading.</summary>
internal abstract record PolicyBlock;

/// <summary>A paragraph of inline runs.</summary>
internal sealed record Paragraph(IReadOnlyList<Inline> Runs) : PolicyBlock
{
    public Paragraph(params Inline[] runs)
        : this((IReadOnlyList<Inline>)runs)
    {
    }
}

/// <summary>A bulleted list; each item is a run of inlines.</summary>
internal sealed record BulletList(IReadOnlyList<IReadOnlyList<Inline>> Items) : PolicyBlock;

/// <summary>A sub-heading inside a section (one level below the section's).</summary>
internal sealed record SubHeading(string Id, string Text) : PolicyBlock;

/// <summary>A table with a caption, header cells and rows of cells.</summary>
internal sealed record Table(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<IReadOnlyList<Inline>>> Rows) : PolicyBlock;
