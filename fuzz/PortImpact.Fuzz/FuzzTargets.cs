using PortImpact.Core.RuleSets;
using PortImpact.Formats.Model;
using PortImpact.Formats.RuleSets;
using PortImpact.Knowledge;
using PortImpact.Knowledge.Loading;

namespace PortImpact.Fuzz;

/// <summary>Every reader of outside input, each as a target: the rule formats, the model, overlays and catalogs.</summary>
public static class FuzzTargets
{
    private const string File = "fuzz-input";

    private static readonly Lazy<Core.Model.NetworkModel> Example =
        new(() => new ModelReader(KnowledgeCatalog.BuiltIn).Parse(BuiltInExample.Text(), BuiltInExample.FileName));

    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        RuleFormat("reg", RuleSetFormat.WindowsRegistry),
        RuleFormat("pol", RuleSetFormat.WindowsRegistryPol),
        RuleFormat("gpreport", RuleSetFormat.WindowsGpReport),
        RuleFormat("netsh", RuleSetFormat.WindowsNetsh),
        RuleFormat("powershell", RuleSetFormat.WindowsPowerShell),
        RuleFormat("windows-script", RuleSetFormat.WindowsScript),
        RuleFormat("iptables", RuleSetFormat.Iptables),
        RuleFormat("nft", RuleSetFormat.Nftables),
        RuleFormat("ios", RuleSetFormat.CiscoIos),
        // Detection chooses the reader from the content, as `rules import FILE` does; every rule seed feeds it.
        new("detect", bytes => RuleSetReader.Read(bytes, File), (_, bytes) => DetectsAs(bytes) is not null),
        new("model", bytes => new ModelReader(KnowledgeCatalog.BuiltIn).Parse(InputFiles.DecodeText(bytes, File), File),
            (path, bytes) => IsYaml(path) && Text(bytes).Contains("sites:", StringComparison.Ordinal)),
        new("overlay", bytes => new OverlayReader(KnowledgeCatalog.BuiltIn).Parse(InputFiles.DecodeText(bytes, File), File, Example.Value),
            (path, bytes) => IsYaml(path) && Text(bytes).Contains("policies:", StringComparison.Ordinal) && !Text(bytes).Contains("sites:", StringComparison.Ordinal)),
        new("catalog", bytes => KnowledgeCatalog.BuiltIn.Extend([(File, new StringReader(InputFiles.DecodeText(bytes, File)))]),
            (path, bytes) => IsYaml(path) && !Text(bytes).Contains("sites:", StringComparison.Ordinal) && !Text(bytes).Contains("policies:", StringComparison.Ordinal)),
        new("pfirewall", bytes => Evidence.Logs.WindowsFirewallLogReader.Read(new StringReader(Text(bytes))),
            (_, bytes) => Text(bytes).Contains("#Fields: date", StringComparison.Ordinal)),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    private static FuzzTarget RuleFormat(string name, RuleSetFormat format) =>
        new(name, bytes => RuleSetReader.Read(bytes, File, format), (_, bytes) => DetectsAs(bytes) == format);

    private static RuleSetFormat? DetectsAs(byte[] bytes)
    {
        try
        {
            return RuleSetReader.Detect(bytes, File);
        }
        catch (Core.Diagnostics.InputException)
        {
            return null;
        }
    }

    private static bool IsYaml(string path) => path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static string Text(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);
}
