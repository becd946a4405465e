using System.Collections.Immutable;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;
using PortImpact.Knowledge.Queries;

namespace PortImpact.Knowledge;

public sealed partial class KnowledgeCatalog
{
    /// <summary>
    /// What the catalog knows about <paramref name="port"/> on one transport, or on both when
    /// <paramref name="transport"/> is null. <paramref name="rpcDynamicPorts"/> is the model's RPC dynamic range,
    /// so that e.g. 50000 is reported as used by RPC on Vista and later but not on a 2003-era network.
    /// </summary>
    public PortReport DescribePort(Transport? transport, int port, PortSet rpcDynamicPorts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, PortRange.MaxPort);
        ImmutableArray<Transport> transports = transport is { } only ? [only] : [.. TransportNames.All];

        var capabilities = transports
            .SelectMany(t =>
            {
                var finder = new PortUseFinder(Capabilities, t, port, rpcDynamicPorts);
                return Capabilities.Values.SelectMany(finder.Find);
            })
            .OrderBy(u => u.Capability.Id, StringComparer.Ordinal)
            .ThenBy(u => u.Usage)
            .ThenBy(u => u.Transport)
            .ThenBy(u => u.Via.Length)
            .ToImmutableArray();

        var threats = Threats
            .SelectMany(threat => threat.Steps.SelectMany(step => transports
                .Where(t => step.Ports[t].Contains(port))
                .Select(t => new ThreatPortUse(threat, step, t))))
            .ToImmutableArray();

        var bulletins = Bulletins.Values
            .OrderBy(b => b.Published)
            .ThenBy(b => b.Id, StringComparer.Ordinal)
            .SelectMany(b => transports
                .Select(t => new BulletinPortMention(b, t, b.ExploitPorts[t].Contains(port), b.RecommendedBlock[t].Contains(port)))
                .Where(m => m.Exploited || m.RecommendedBlock))
            .ToImmutableArray();

        return new PortReport(
            port,
            transports,
            IanaPortClasses.Of(port),
            [.. IanaServices.Where(s => transports.Contains(s.Transport) && s.Ports.Contains(port))],
            capabilities,
            threats,
            bulletins,
            [.. PortNotes.Where(n => transports.Contains(n.Transport) && n.Ports.Contains(port))]);
    }
}
