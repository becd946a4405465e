namespace PortImpact.Core.Knowledge;

/// <summary>A document a catalog fact rests on (Microsoft documentation, a bulletin, an RFC, IANA).</summary>
public sealed record SourceReference(string Id, string Title, string? Url);
