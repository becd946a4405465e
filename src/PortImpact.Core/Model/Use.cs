using PortImpact.Core.Diagnostics;

namespace PortImpact.Core.Model;

/// <summary>A dependency the model states beyond what roles imply.</summary>
public sealed record Use(string From, string To, string Capability, SourceLocation? Location);
