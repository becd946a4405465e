namespace PortImpact.Core.Diagnostics;

/// <summary>Where a value came from in a file a user wrote, so that every complaint can point at it.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
