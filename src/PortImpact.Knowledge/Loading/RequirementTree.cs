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
        WhenOs condition => CapabilityReferences(condition.Then).Concat(CapabilityReferences(condition.Else)),
        _ => [],
    };

    /// <summary>The OS traits a requirement's conditions test, so the loader can check each is one the OS catalog knows.</summary>
    public static IEnumerable<string> TraitReferences(Requirement requirement) => requirement switch
    {
        AllOf all => all.Parts.SelectMany(TraitReferences),
        AnyOf any => any.Alternatives.SelectMany(TraitReferences),
        Optional optional => TraitReferences(optional.Part),
        WhenOs condition => [condition.Trait, .. TraitReferences(condition.Then), .. TraitReferences(condition.Else)],
        _ => [],
    };
}
