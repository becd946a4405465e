using System.Collections.Immutable;

namespace PortImpact.Core.Knowledge;

/// <summary>A Windows function one host uses on another (AD logon, SMB file sharing, RPC …) and what it needs.</summary>
public sealed record Capability(
    string Id,
    LocalizedText Name,
    LocalizedText Summary,
    Requirement Requirement,
    ImmutableArray<string> Sources)
{
    /// <summary>What an admin loses when this dependency breaks, where the name alone does not say it (empty otherwise).</summary>
    public LocalizedText WhenBroken { get; init; } = LocalizedText.Empty;
}
