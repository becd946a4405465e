using System.Text.RegularExpressions;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// Reads Windows Defender Firewall rules (formats.md §1) from a <c>reg export</c>, a GPO <c>Registry.pol</c>, a
/// GPMC <c>gpreport.xml</c> or English <c>netsh advfirewall firewall show rule name=all [verbose]</c> text into
/// a rule set with <see cref="Core.Model.PolicySemantics.WindowsFirewall"/> semantics: one
/// <see cref="ChainKind.WindowsRules"/> chain per policy store ("local", "gpo"; "active" for netsh, which
/// shows the merged rules), no policy (the profiles' defaults are in <see cref="RuleSet.Profiles"/>), every
/// filtering rule with its direction, profiles, enabled flag and verdict. All four share
/// <see cref="RuleInterpreter"/>, so a rule means the same whichever file it came from.
/// <para>
/// PowerShell <c>Get-NetFirewallRule | Format-List</c> output carries no ports, addresses or programs (those are in
/// separate filter objects): <see cref="PowerShellListReader"/> reads it with every rule "may match", so results that
/// depend on it are uncertain rather than every allow rule opening every port.
/// </para>
/// </summary>
public static partial class WindowsFirewallReader
{
    public static RuleSet Read(byte[] bytes, string file, RuleSetFormat format, PortSet? rpcDynamicPorts = null)
    {
        if (format != RuleSetFormat.WindowsRegistryPol && format != RuleSetFormat.WindowsPowerShell && format != RuleSetFormat.WindowsScript) RefusePowerShellList(bytes, file);
        if (format == RuleSetFormat.WindowsRegistry) return FirewallPolicyReader.Read(RegExportParser.Parse(bytes, file), file, format, rpcDynamicPorts);
        if (format == RuleSetFormat.WindowsRegistryPol) return FirewallPolicyReader.Read(RegistryPolParser.Parse(bytes, file), file, format, rpcDynamicPorts);
        if (format == RuleSetFormat.WindowsGpReport) return GpReportReader.Read(bytes, file, rpcDynamicPorts);
        if (format == RuleSetFormat.WindowsNetsh) return NetshRuleReader.Read(bytes, file, rpcDynamicPorts);
        if (format == RuleSetFormat.WindowsPowerShell) return PowerShellListReader.Read(bytes, file);
        if (format == RuleSetFormat.WindowsScript) return FirewallScriptReader.Read(bytes, file, rpcDynamicPorts);
        throw new InputException(new SourceLocation(file, 1, 1), Messages.Format("WfNotWindowsFormat", format));
    }

    /// <summary>True when the text's first line is a PowerShell Format-List line (<c>DisplayName : …</c>).</summary>
    internal static bool IsPowerShellList(string text)
    {
        // Only the first line that is not blank counts: the rest of the text is not split or copied.
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            var line = text.AsSpan(start, end - start).Trim(['\r', '\uFEFF']);
            if (!line.Trim().IsEmpty) return FormatListLine().IsMatch(line);
            start = end + 1;
        }
        return false;
    }

    private static void RefusePowerShellList(byte[] bytes, string file)
    {
        if (!IsPowerShellList(TextDecoding.Sniff(bytes))) return;
        throw new InputException(new SourceLocation(file, 1, 1), Messages.Format("WfPowerShellListGiven"));
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]* +: ")]
    private static partial Regex FormatListLine();
}
