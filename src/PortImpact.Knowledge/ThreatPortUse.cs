using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;

namespace PortImpact.Knowledge;

/// <summary>A step of a threat's chain that can use the port asked about (its order and purpose are on the step).</summary>
public sealed record ThreatPortUse(Threat Threat, ThreatStep Step, Transport Transport);
