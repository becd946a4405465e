using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.Emit;
using PortImpact.Formats.RuleSets.CiscoIos;
using PortImpact.Formats.RuleSets.Iptables;
using PortImpact.Formats.RuleSets.Nftables;
using PortImpact.Formats.RuleSets.Windows;

namespace PortImpact.Formats.RuleSets;

/// <summary>
/// The one list of rule formats. Detection, <c>--format</c> and <c>rulesFormat</c> values, their help text,
/// <c>rules emit --target</c> and <c>--emit</c>'s file names, and the error that lists what is known all read it:
/// adding a format is a folder with an <see cref="IRuleFormat"/> and one line here (docs/architecture.md).
/// </summary>
public static class RuleFormats
{
    /// <summary>In the order detection prefers them when two claim a file at the same place (formats.md §0).</summary>
    public static IReadOnlyList<IRuleFormat> All { get; } =
    [
        WindowsFirewallFormat.RegistryPol,
        WindowsFirewallFormat.RegistryExport,
        WindowsFirewallFormat.GpReport,
        WindowsFirewallFormat.NetshShowRule,
        WindowsFirewallFormat.PowerShellList,
        WindowsFirewallFormat.Script,
        new IptablesFormat(),
        new NftablesFormat(),
        new CiscoIosFormat(),
    ];

    public static IReadOnlyList<string> Ids { get; } = [.. All.Select(f => f.Id)];

    /// <summary>Every rule language the tool writes, in the order of their formats.</summary>
    public static IReadOnlyList<IRuleEmitter> Emitters { get; } = [.. All.SelectMany(f => f.Emitters)];

    public static IReadOnlyList<string> EmitterIds { get; } = [.. Emitters.Select(e => e.Id)];

    /// <summary>"reg, pol, … or ios", for help and messages.</summary>
    public static string IdList => Or(Ids);

    public static string EmitterIdList => Or(EmitterIds);

    public static IRuleFormat? Find(string id) => All.FirstOrDefault(f => string.Equals(f.Id, id.Trim(), StringComparison.OrdinalIgnoreCase));

    public static IRuleFormat Of(RuleSetFormat format) => All.First(f => f.Format == format);

    public static IRuleEmitter? FindEmitter(string id) => Emitters.FirstOrDefault(e => string.Equals(e.Id, id.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The emitter of that name, for code that names a target it knows exists.</summary>
    public static IRuleEmitter Emitter(string id) => FindEmitter(id) ?? throw new ArgumentException($"no emitter '{id}'", nameof(id));

    /// <summary>The name a rule set's format is written with; a policy written in the model is "model".</summary>
    public static string IdOf(RuleSetFormat format) => format.Id;

    /// <summary>The format whose claim on the file comes first; a file none claims is bad input naming the formats known.</summary>
    public static IRuleFormat Detect(byte[] bytes, string file)
    {
        if (bytes.Length == 0) throw new InputException(new SourceLocation(file, 1, 1), Messages.Format("RulesEmpty"));
        var head = new FileHead(bytes);
        IRuleFormat? best = null;
        var bestClaim = int.MaxValue;
        foreach (var format in All)
        {
            if (format.Claim(head) is { } claim && claim < bestClaim)
            {
                best = format;
                bestClaim = claim;
            }
        }
        return best ?? throw new InputException(new SourceLocation(file, 1, 1),
            Messages.Format("RulesUnknownFormat", string.Join(", ", All.Select(f => f.Title))));
    }

    /// <summary>"a, b or c".</summary>
    public static string Or(IReadOnlyList<string> names) => names.Count <= 1 ? string.Join("", names) : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";
}
