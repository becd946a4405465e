using PortImpact.Core.RuleSets;
using PortImpact.Formats.Emit;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// The six ways Windows Defender Firewall rules reach PortImpact, each a format of its own for detection and
/// <c>--format</c>, all read by <see cref="WindowsFirewallReader"/> into the same rule model. The PowerShell and
/// netsh scripts the tool writes are read back as <c>windows-script</c>, so their emitters are listed there.
/// </summary>
internal sealed class WindowsFirewallFormat(string id, string title, RuleSetFormat format, Func<FileHead, bool> claims, IReadOnlyList<IRuleEmitter>? emitters = null) : IRuleFormat
{
    public string Id => id;

    public string Title => title;

    public RuleSetFormat Format => format;

    /// <summary>Windows exports announce themselves in their first bytes or lines, so a claim is certain or none.</summary>
    public int? Claim(FileHead head) => claims(head) ? FileHead.Certain : null;

    public RuleSet Read(byte[] bytes, string file, RuleReadOptions options) => WindowsFirewallReader.Read(bytes, file, format, options.RpcDynamicPorts);

    public IReadOnlyList<IRuleEmitter> Emitters { get; } = emitters ?? [];

    private static IReadOnlyList<string> FirstLines(FileHead head) => [.. head.Lines.Take(5)];

    public static WindowsFirewallFormat RegistryExport { get; } = new("reg", "reg export", RuleSetFormat.WindowsRegistry,
        head => head.Text.Contains("Windows Registry Editor", StringComparison.Ordinal) || head.Text.StartsWith("REGEDIT4", StringComparison.Ordinal));

    public static WindowsFirewallFormat RegistryPol { get; } = new("pol", "Registry.pol", RuleSetFormat.WindowsRegistryPol,
        head => head.Bytes.AsSpan().StartsWith("PReg"u8));

    public static WindowsFirewallFormat GpReport { get; } = new("gpreport", "gpreport.xml", RuleSetFormat.WindowsGpReport,
        head => FirstLines(head).Any(l => l.StartsWith("<?xml", StringComparison.Ordinal) || l.StartsWith("<GPO", StringComparison.Ordinal)));

    public static WindowsFirewallFormat NetshShowRule { get; } = new("netsh", "netsh text", RuleSetFormat.WindowsNetsh,
        head => FirstLines(head).Any(l => l.StartsWith("Rule Name:", StringComparison.Ordinal)));

    public static WindowsFirewallFormat PowerShellList { get; } = new("powershell", "PowerShell Get-NetFirewallRule list", RuleSetFormat.WindowsPowerShell,
        head => WindowsFirewallReader.IsPowerShellList(head.Text));

    public static WindowsFirewallFormat Script { get; } = new("windows-script", "a New-NetFirewallRule or netsh add rule script", RuleSetFormat.WindowsScript,
        head => FirewallScriptReader.LooksLikeScript(head.Text),
        [
            new RuleEmitter("powershell", "New-NetFirewallRule block rules for one Windows host", "ps1",
                new(OnRouter: false, OnHost: true, PassesExemptTrafficOn: true, ExemptsPartOfHost: false, EmitPlaces.Hosts), WindowsFirewallEmitter.EmitPowerShell),
            new RuleEmitter("netsh", "netsh advfirewall firewall add rule block rules for one Windows host", "netsh.cmd",
                new(OnRouter: false, OnHost: true, PassesExemptTrafficOn: true, ExemptsPartOfHost: false, EmitPlaces.Hosts), WindowsFirewallEmitter.EmitNetsh),
        ]);
}
