using PortImpact.Core.Knowledge;

namespace PortImpact.Knowledge.Loading;

/// <summary>Walks of a requirement tree that loading and lookups share.</summary>
internal static class RequirementTree
{
    /// <summary>The capabilities a requirement names directly (not those they in turn name).</summary>
    public static IEnumerable<string> CapabilityReferences(Requirement requirement) => requirement switch
    {
        CapabilityReference reference => [reference.CapabilityId],
        AllOf all => all.Parts.SelectMany(CapabilityReferences),
        AnyOf any => any.Alternatives.SelectMany(CapabilityReferences),
        Optional optional => CapabilityReferences(optional.Part),
        _ => [],
    };
}
