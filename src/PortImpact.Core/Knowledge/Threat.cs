using System.Collections.Immutable;
using PortImpact.Core.Ports;

namespace PortImpact.Core.Knowledge;

/// <summary>The two parties of an attack chain.</summary>
public enum ThreatActor
{
    Attacker,
    Victim,
}

/// <summary>
/// One connection of an attack chain. Any one of <see cref="Ports"/> suffices for the step (Sasser's
/// exploit works on TCP 445 or 139); every step must pass for the victim to be infected.
/// </summary>
public sealed record ThreatStep(
    int Order,
    ThreatActor From,
    ThreatActor To,
    PortSelection Ports,
    LocalizedText Purpose,
    bool Uncertain);

/// <summary>A mitigation that closes no port (a patch, disabling SMBv1, fixing the RPC range).</summary>
public sealed record Mitigation(string Id, LocalizedText Text, ImmutableArray<string> Sources);

public sealed record Threat(
    string Id,
    LocalizedText Name,
    string Kind,
    ImmutableArray<string> Aliases,
    DateOnly FirstSeen,
    ImmutableArray<string> Bulletins,
    ImmutableArray<string> Cves,
    ImmutableArray<string> VictimRoles,
    bool SpreadsFromInternet,
    ImmutableArray<ThreatStep> Steps,
    LocalizedText Summary,
    ImmutableArray<Mitigation> Mitigations,
    ImmutableArray<string> Sources);
