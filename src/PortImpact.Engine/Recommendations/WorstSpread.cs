namespace PortImpact.Engine.Recommendations;

/// <summary>
/// A threat's worst case with the exceptions in place: the starting position whose infection wave reaches most
/// machines, how many hops it takes, and how far the same wave gets under the closure alone.
/// </summary>
public sealed record WorstSpread(string Threat, string From, int Radius, int Hops, int RadiusWithoutExceptions);
