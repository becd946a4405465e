namespace PortImpact.Knowledge;

/// <summary>
/// Which edition a bulletin's publication date comes from. Japanese editions normally appeared a day after the
/// US ones, and for several 2003-2004 bulletins only the Japanese date could be checked.
/// </summary>
public enum PublicationEdition
{
    UnitedStates,
    Japanese,
}
