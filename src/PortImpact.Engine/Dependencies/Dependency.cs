namespace PortImpact.Engine.Dependencies;

/// <summary>
/// A client relying on a server for a capability; <see cref="Origin"/> says why the tool thinks so
/// (<c>role:workstation</c> or <c>uses</c>).
/// </summary>
public sealed record Dependency(string Capability, string Client, string Server, string Origin);
