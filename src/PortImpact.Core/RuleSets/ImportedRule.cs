using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;

namespace PortImpact.Core.RuleSets;

/// <summary>What a rule does when it matches.</summary>
public enum RuleVerdict
{
    Permit,
    Deny,
    /// <summary>Enter <see cref="ImportedRule.Target"/> and come back when it returns.</summary>
    Jump,
    /// <summary>Enter <see cref="ImportedRule.Target"/> and do not come back.</summary>
    Goto,
    /// <summary>Leave the current chain (at a base chain: its policy decides).</summary>
    Return,
    /// <summary>Log, count or mark and go on with the next rule.</summary>
    Continue,
    /// <summary>Windows authenticated bypass: allowed even over block rules (for IPsec-authenticated traffic).</summary>
    Bypass,
    /// <summary>
    /// Decided by something the file does not show (a user-space queue, an unknown target, a statement the reader
    /// could not read): the packet may be accepted or dropped here, so the answer forks both ways.
    /// </summary>
    Unknown,
}

/// <summary>IP protocols a rule matches; <see cref="Any"/> or a set of protocol numbers (6 TCP, 17 UDP, 1 ICMP …).</summary>
public sealed record ProtocolSet(bool IsAny, ImmutableArray<int> Numbers)
{
    public const int Tcp = 6;
    public const int Udp = 17;

    public static readonly ProtocolSet Any = new(true, []);

    public static ProtocolSet Of(params int[] numbers) => new(false, [.. numbers.Distinct().Order()]);

    public bool Includes(int protocol) => IsAny || Numbers.Contains(protocol);

    public bool Includes(Transport transport) => Includes(transport == Transport.Tcp ? Tcp : Udp);

    // By value: the numbers, not the array that holds them (a record would compare the array by reference).
    public bool Equals(ProtocolSet? other) => other is not null && IsAny == other.IsAny && Numbers.SequenceEqual(other.Numbers);

    public override int GetHashCode() => Numbers.Aggregate(IsAny ? 1 : 0, HashCode.Combine);

    public override string ToString() => IsAny ? "any" : string.Join(",", Numbers.Select(n => n switch { Tcp => "tcp", Udp => "udp", 1 => "icmp", 58 => "ipv6-icmp", _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
}

/// <summary>
/// A condition the reader could not turn into sets: an application path, an interface, a packet mark, an
/// ipset, a rate limit, an address keyword such as LocalSubnet that depends on the host. The rule then "may
/// match"; results that depend on it are uncertain, never silently permitted or denied.
/// </summary>
public sealed record OpaqueCondition(string Construct, string Text);

/// <summary>
/// One rule, vendor-neutral. Negations are already folded into the sets (<c>! -s 10.0.0.0/8</c> is the
/// complement of that prefix). Absent conditions are "all". <see cref="NewConnections"/> is false for a rule
/// that matches only established or related traffic (<c>--ctstate ESTABLISHED</c>, IOS <c>established</c>):
/// it never decides the first packet of a connection, which is what the what-if asks about.
/// <see cref="Direction"/> and <see cref="Profiles"/> are Windows' (null and empty elsewhere).
/// </summary>
public sealed record ImportedRule(
    string Id,
    SourceLocation Location,
    string Text,
    RuleVerdict Verdict,
    string? Target,
    ProtocolSet Protocols,
    AddressSet Source,
    AddressSet Destination,
    PortSet SourcePorts,
    PortSet DestinationPorts,
    bool NewConnections,
    TrafficDirection? Direction,
    bool Enabled,
    ImmutableArray<FirewallProfile> Profiles,
    ImmutableArray<OpaqueCondition> Opaque)
{
    /// <summary>
    /// True when the rule matches only some connection states (<c>--ctstate NEW</c>, <c>ct state established</c>,
    /// IOS <c>established</c>): such a rule cannot be compared with rules of other states packet for packet,
    /// so lint neither reports it nor counts it as hiding others.
    /// </summary>
    public bool StateLimited { get; init; }

    /// <summary>
    /// The model's own rule this one was written from (<c>policies:</c>, an overlay, the proposed change), so that
    /// reports name it by the model's label and origin; null for a rule read from a file.
    /// </summary>
    public FirewallRule? WrittenFrom { get; init; }

    /// <summary>True when some condition could not be evaluated, so the rule may or may not match a flow.</summary>
    public bool Uncertain => !Opaque.IsEmpty;

    /// <summary>A rule matching everything, to start a reader's builder from.</summary>
    public static ImportedRule Everything(string id, SourceLocation location, string text, RuleVerdict verdict) =>
        new(id, location, text, verdict, null, ProtocolSet.Any, AddressSet.Any, AddressSet.Any, PortSet.All, PortSet.All,
            true, null, true, [], []);
}
