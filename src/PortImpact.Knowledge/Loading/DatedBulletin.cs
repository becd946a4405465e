using PortImpact.Core.Knowledge;

namespace PortImpact.Knowledge.Loading;

/// <summary>A bulletin as read, with which edition its publication date was taken from.</summary>
internal sealed record DatedBulletin(Bulletin Bulletin, PublicationEdition Edition);
