namespace PortImpact.Knowledge;

/// <summary>
/// How much a capability depends on a port, from the strongest to the weakest; the order of the members is
/// used to combine nested parts (a fallback inside an optional part is optional).
/// </summary>
public enum PortUsage
{
    /// <summary>Needed with no alternative: closing it breaks the capability.</summary>
    Required,
    /// <summary>The normal way of an either-or: closing it degrades the capability onto its fallback.</summary>
    Preferred,
    /// <summary>A later alternative, used only when the normal way is closed.</summary>
    Fallback,
    /// <summary>Closing it degrades the capability but never breaks it.</summary>
    Optional,
}
