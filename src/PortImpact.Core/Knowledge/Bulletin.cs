using System.Collections.Immutable;
using PortImpact.Core.Ports;

namespace PortImpact.Core.Knowledge;

/// <summary>A Microsoft security bulletin or advisory, with the ports it told admins to block.</summary>
public sealed record Bulletin(
    string Id,
    LocalizedText Title,
    DateOnly Published,
    ImmutableArray<string> Cves,
    PortSelection ExploitPorts,
    PortSelection RecommendedBlock,
    LocalizedText BlockNote,
    ImmutableArray<string> Sources);
