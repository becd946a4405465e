using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.Emit;

namespace PortImpact.Formats.RuleSets.CiscoIos;

/// <summary>Cisco IOS / IOS-XE configuration (numbered and named ACLs, object-groups, <c>ip access-group</c>); written as an extended named ACL.</summary>
internal sealed class CiscoIosFormat : IRuleFormat
{
    public string Id => "ios";

    public string Title => "Cisco IOS";

    public RuleSetFormat Format => RuleSetFormat.CiscoIos;

    public int? Claim(FileHead head) => head.FirstLine(line =>
        line.StartsWith("access-list ", StringComparison.Ordinal) || line.StartsWith("ip access-list ", StringComparison.Ordinal)
        || line.StartsWith("hostname ", StringComparison.Ordinal) || line.StartsWith("interface ", StringComparison.Ordinal)
        || line.StartsWith("object-group ", StringComparison.Ordinal) || line.StartsWith("version ", StringComparison.Ordinal)
        || line.StartsWith("Extended IP access list ", StringComparison.Ordinal) || line.StartsWith("Standard IP access list ", StringComparison.Ordinal));

    /// <summary>
    /// A running-config holds much that does not filter, which the IOS reader passes over; a file in which it finds
    /// nothing of IOS at all was not an IOS configuration, and saying "0 rules" would hide that.
    /// </summary>
    public RuleSet Read(byte[] bytes, string file, RuleReadOptions options)
    {
        var text = TextDecoding.Utf8(bytes, file);
        var ruleSet = CiscoIosReader.Read(text, file);
        if (ruleSet.Chains.IsEmpty && ruleSet.Bindings.IsEmpty && ruleSet.NotUnderstood.IsEmpty)
        {
            var looksLikeIos = text.Split('\n').Select(l => l.Trim()).Any(l => l == "!" || l.StartsWith("interface ", StringComparison.Ordinal)
                || l.StartsWith("hostname ", StringComparison.Ordinal) || l.StartsWith("version ", StringComparison.Ordinal));
            if (!looksLikeIos) throw new InputException(new SourceLocation(file, 1, 1), Messages.Format("IosNotIos"));
        }
        return ruleSet;
    }

    public IReadOnlyList<IRuleEmitter> Emitters { get; } =
    [
        new RuleEmitter("ios", "a Cisco IOS extended named ACL, to be applied with ip access-group", "ios",
            new(OnRouter: true, OnHost: false, PassesExemptTrafficOn: false, ExemptsPartOfHost: false, EmitPlaces.Routers), IosEmitter.Emit),
    ];
}
