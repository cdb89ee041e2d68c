namespace Consentry.AspNetCore;

/// <summary>What <see cref="BoundedBody.ReadAsync"/> made of a request body.</summary>
/// <param name="Value">What the caller made of the bytes, when they were read.</param>
/// <param name="Status">200 read; 413 over the limit; 400 or 408 for a body unreadable on the wire (Kestrel's verdict); 0 when the client went away.</param>
/// <param name="Detail">Why the body could not be read, for the answer.</param>
internal readonly record struct BodyRead<T>(T? Value, int Status, string? Detail)
{
    public bool Read => Status == 200;

    public bool Aborted => Status == 0;

    public bool TooLarge => Status == 413;
}
