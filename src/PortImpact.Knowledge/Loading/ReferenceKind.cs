namespace PortImpact.Knowledge.Loading;

/// <summary>The kinds of catalog entry one entry can name, each checked against the merged catalog.</summary>
internal enum ReferenceKind
{
    Source,
    Capability,
    Role,
    Bulletin,
    Os,
    OsTrait,
}
