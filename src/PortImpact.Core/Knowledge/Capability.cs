using System.Collections.Immutable;

namespace PortImpact.Core.Knowledge;

/// <summary>A Windows function one host uses on another (AD logon, SMB file sharing, RPC …) and what it needs.</summary>
public sealed record Capability(
    string Id,
    LocalizedText Name,
    LocalizedText Summary,
    Requirement Requirement,
    ImmutableArray<string> Sources);
