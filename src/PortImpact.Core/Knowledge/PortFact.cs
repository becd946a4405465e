using System.Collections.Immutable;
using PortImpact.Core.Ports;

namespace PortImpact.Core.Knowledge;

/// <summary>A service name IANA registered for a port and transport.</summary>
public sealed record IanaService(string Name, Transport Transport, PortRange Ports, string Description);

/// <summary>What Windows (or a worm) does with a port, beyond what the capability definitions imply.</summary>
public sealed record PortNote(Transport Transport, PortRange Ports, LocalizedText Text, ImmutableArray<string> Sources)
{
    /// <summary>The port clients send from to this port, when it is fixed rather than ephemeral (NetBIOS: 137 → 137).</summary>
    public PortSet? ClientSourcePorts { get; init; }
}

/// <summary>IANA's three classes of port numbers (RFC 6335 §6).</summary>
public enum IanaPortClass
{
    WellKnown,
    Registered,
    Dynamic,
}

public static class IanaPortClasses
{
    public static IanaPortClass Of(int port) => port switch
    {
        <= 1023 => IanaPortClass.WellKnown,
        <= 49151 => IanaPortClass.Registered,
        _ => IanaPortClass.Dynamic,
    };

    public static string ToId(this IanaPortClass portClass) => portClass switch
    {
        IanaPortClass.WellKnown => "well-known",
        IanaPortClass.Registered => "registered",
        _ => "dynamic",
    };
}
