using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;

namespace PortImpact.Knowledge;

/// <summary>A bulletin that names the port asked about: as a way in, as a port to block, or both.</summary>
public sealed record BulletinPortMention(Bulletin Bulletin, Transport Transport, bool Exploited, bool RecommendedBlock);
