using System.Collections.Immutable;
using PortImpact.Core.Ports;

namespace PortImpact.Core.Knowledge;

/// <summary>The two parties of an attack chain.</summary>
public enum ThreatActor
{
    Attacker,
    Victim,
}

/// <summary>What a step does for the chain: gets code running on the victim, or brings the worm's copy over.</summary>
public enum ThreatStage
{
    /// <summary>Passing it alone already harms the victim (Blaster's exploit crashes RPCSS and forces a reboot).</summary>
    Exploit,
    /// <summary>Brings the payload over or opens the shell that does; cutting it stops infection, not the exploit.</summary>
    Copy,
}

/// <summary>
/// Which victims a threat, or one way of a step, applies to: hosts running one of <see cref="Os"/> (empty: any
/// Windows) and having one of <see cref="Roles"/> (empty: any). Bulletins name both (BlueKeep: Windows XP to
/// 2008 R2; Welchia's WebDAV path: IIS 5.0 on Windows 2000).
/// </summary>
public sealed record Applicability(ImmutableArray<string> Os, ImmutableArray<string> Roles)
{
    public static readonly Applicability AnyWindows = new([], []);

    public bool IsAny => Os.IsDefaultOrEmpty && Roles.IsDefaultOrEmpty;
}

/// <summary>One way of a step that only some victims offer (<see cref="When"/>), with its ports.</summary>
public sealed record ConditionalPorts(PortSelection Ports, Applicability When);

/// <summary>
/// One connection of an attack chain. Any one of <see cref="Ports"/> suffices for the step (Sasser's
/// exploit works on TCP 445 or 139); every step must pass for the victim to be infected. <see cref="Ports"/>
/// is every way of the step; <see cref="Conditional"/> lists the ways only some victims offer, so that the ways
/// of one victim are <see cref="Unconditional"/> plus the conditional ones that apply to it. Steps of the same
/// <see cref="Route"/> form one alternative chain (Conficker's MS08-067 exploit or its ADMIN$ password guessing);
/// a step without a route belongs to every route.
/// </summary>
public sealed record ThreatStep(
    int Order,
    ThreatActor From,
    ThreatActor To,
    PortSelection Ports,
    LocalizedText Purpose,
    bool Uncertain)
{
    public ThreatStage Stage { get; init; } = ThreatStage.Exploit;

    public string? Route { get; init; }

    public ImmutableArray<ConditionalPorts> Conditional { get; init; } = [];

    /// <summary>The ways every victim offers.</summary>
    public PortSelection Unconditional { get; init; } = PortSelection.None;
}

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
    ImmutableArray<string> Sources)
{
    /// <summary>The operating systems the threat infects (its bulletin's affected versions); empty: any Windows.</summary>
    public ImmutableArray<string> VictimOs { get; init; } = [];

    /// <summary>The alternative chains, by name; one unnamed route when no step names one.</summary>
    public IReadOnlyList<string?> Routes => Steps.Any(s => s.Route is not null)
        ? [.. Steps.Where(s => s.Route is not null).Select(s => s.Route).Distinct()]
        : [null];

    /// <summary>The steps of one route: its own and those every route shares.</summary>
    public IEnumerable<ThreatStep> StepsOf(string? route) => Steps.Where(s => s.Route is null || s.Route == route);
}
