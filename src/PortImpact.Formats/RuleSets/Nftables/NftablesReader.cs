using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Nftables;

/// <summary>Placeholder until the reader lands in this session; refuses every file as bad input.</summary>
public static class NftablesReader
{
    public static RuleSet Read(string text, string file) =>
        throw new InputException(new SourceLocation(file, 1, 1), "this format is not read yet");
}
