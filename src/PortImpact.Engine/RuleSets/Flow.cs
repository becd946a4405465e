using PortImpact.Core.Addresses;
using PortImpact.Core.RuleSets;

namespace PortImpact.Engine.RuleSets;

/// <summary>The first packet of one connection: protocol number, source and destination address and port.</summary>
public sealed record Flow(int Protocol, uint Source, int SourcePort, uint Destination, int DestinationPort)
{
    public override string ToString() =>
        $"{(Protocol == ProtocolSet.Tcp ? "tcp" : Protocol == ProtocolSet.Udp ? "udp" : Protocol.ToString(System.Globalization.CultureInfo.InvariantCulture))} " +
        $"{AddressRange.FormatAddress(Source)}:{SourcePort} -> {AddressRange.FormatAddress(Destination)}:{DestinationPort}";
}
