using PortImpact.Core.RuleSets;
using PortImpact.Formats.Emit;

namespace PortImpact.Formats.RuleSets.Nftables;

/// <summary><c>nft list ruleset</c> output or an <c>nft -f</c> script such as <c>/etc/nftables.conf</c>; written as an <c>nft -f</c> script.</summary>
internal sealed class NftablesFormat : IRuleFormat
{
    public string Id => "nft";

    public string Title => "nftables";

    public RuleSetFormat Format => RuleSetFormat.Nftables;

    public int? Claim(FileHead head) => head.FirstLine(line =>
        line.StartsWith("table ", StringComparison.Ordinal) || line.StartsWith("#!", StringComparison.Ordinal) && line.Contains("nft", StringComparison.Ordinal)
        || line == "flush ruleset" || line.StartsWith("define ", StringComparison.Ordinal) || line.StartsWith("add table ", StringComparison.Ordinal));

    public RuleSet Read(byte[] bytes, string file, RuleReadOptions options) => NftablesReader.Read(TextDecoding.Utf8(bytes, file), file);

    public IReadOnlyList<IRuleEmitter> Emitters { get; } =
    [
        new RuleEmitter("nft", "an nft -f script: a table of its own whose base chains run ahead of the existing rules", "nft",
            new(OnRouter: true, OnHost: true, PassesExemptTrafficOn: true, ExemptsPartOfHost: true, EmitPlaces.Routers), NftEmitter.Emit),
    ];
}
