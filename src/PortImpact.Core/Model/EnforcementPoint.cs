using PortImpact.Core.Diagnostics;

namespace PortImpact.Core.Model;

/// <summary>A router or firewall named in <c>links</c>, with the policy it enforces today.</summary>
public sealed record EnforcementPoint(string Name, Policy Baseline, SourceLocation? Location);
