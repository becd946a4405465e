using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Formats.Emit;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// Windows Defender Firewall block rules for one host, written as PowerShell (<c>New-NetFirewallRule</c>) or
/// as <c>netsh advfirewall</c> commands; both carry out the same <see cref="WindowsBlockPlan"/>.
/// </summary>
internal static class WindowsFirewallEmitter
{
    /// <summary>Every IPv6 address as a Windows address range, the documented form for IPv6 ranges.</summary>
    private const string AllIpv6 = "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";

    private static readonly PortSet RealPorts = PortSet.Range(1, PortRange.MaxPort);

    public static string EmitPowerShell(ChangeAtPoint change, EmitOptions options)
    {
        var plan = WindowsBlockPlan.Of(change, options.Host!);
        var group = $"PortImpact {change.Point}";
        var text = new ScriptText("#");
        text.Comment(ChangeEmitter.Summary(change, options));
        WriteExplanation(text);
        text.Comment($"Run in an elevated PowerShell. Running it again replaces the rules of group '{group}'.");
        text.Line($"Remove-NetFirewallRule -Group {Quote(group)} -ErrorAction SilentlyContinue");
        foreach (var rule in plan)
        {
            var ports = PortList(rule.Ports);
            if (ports is { Count: 0 }) continue;
            var portParameter = ports is null ? "" : $" {(rule.Direction == TrafficDirection.In ? "-LocalPort" : "-RemotePort")} {string.Join(",", ports.Select(Quote))}";
            var remote = rule.BlocksEveryone ? "Any" : string.Join(",", RemoteAddresses(rule).Select(Quote));
            var description = rule.Exempted.IsEmpty ? "" : $" -Description {Quote(Exempt(rule))}";
            text.Line($"New-NetFirewallRule -Group {Quote(group)} -DisplayName {Quote(Name(change, rule))} "
                + $"-Direction {(rule.Direction == TrafficDirection.In ? "Inbound" : "Outbound")} -Action Block -Protocol {Protocol(rule)}"
                + $"{portParameter} -RemoteAddress {remote}{description}");
        }
        return text.ToString();
    }

    public static string EmitNetsh(ChangeAtPoint change, EmitOptions options)
    {
        var plan = WindowsBlockPlan.Of(change, options.Host!);
        var text = new ScriptText("rem");
        text.Comment(ChangeEmitter.Summary(change, options));
        WriteExplanation(text);
        text.Comment("Run from an elevated prompt. Each rule is deleted by name before it is added, so running it again replaces it");
        text.Comment("(\"No rules match\" on the first run is expected); rules of an earlier, different change keep their own names.");
        foreach (var rule in plan)
        {
            var name = Name(change, rule);
            var ports = PortList(rule.Ports);
            if (ports is { Count: 0 }) continue;
            var portParameter = $" {(rule.Direction == TrafficDirection.In ? "localport" : "remoteport")}={(ports is null ? "any" : string.Join(",", ports))}";
            var remote = rule.BlocksEveryone ? "any" : string.Join(",", RemoteAddresses(rule));
            var description = rule.Exempted.IsEmpty ? "" : $" description=\"{Exempt(rule)}\"";
            text.Line($"netsh advfirewall firewall delete rule name=\"{name}\"");
            text.Line($"netsh advfirewall firewall add rule name=\"{name}\" dir={(rule.Direction == TrafficDirection.In ? "in" : "out")} "
                + $"action=block protocol={Protocol(rule)}{portParameter} remoteip={remote}{description}");
        }
        return text.ToString();
    }

    private static void WriteExplanation(ScriptText text)
    {
        text.Comment("On Windows a block rule beats every allow rule, so the exceptions are not allow rules: each block rule's remote");
        text.Comment("addresses leave the exempt addresses out. Traffic that no block rule matches goes on to the existing rules.");
    }

    /// <summary>Unique per rule: cells are disjoint, so no two start with the same port.</summary>
    private static string Name(ChangeAtPoint change, WindowsBlockRule rule)
    {
        var ports = PortList(rule.Ports) is { } list ? string.Join(",", list) : "any";
        if (ports.Length > 60) ports = ports[..60] + "...";
        return $"PortImpact: {change.Point} {(rule.Direction == TrafficDirection.In ? "in" : "out")} {rule.Transport.ToId()} {ports}";
    }

    private static string Exempt(WindowsBlockRule rule) => ScriptText.Safe($"exempt: {string.Join(", ", rule.Exempted)}");

    private static string Protocol(WindowsBlockRule rule) => rule.Transport == Transport.Tcp ? "TCP" : "UDP";

    /// <summary>
    /// Null for every port. Port 0 is left out: Windows takes ports 1-65535, and no connection is made to port 0.
    /// </summary>
    private static IReadOnlyList<string>? PortList(PortSet ports) =>
        RealPorts.IsSubsetOf(ports) ? null : [.. ports.Except(PortSet.Of(0)).Ranges.Select(r => r.ToString())];

    private static IEnumerable<string> RemoteAddresses(WindowsBlockRule rule)
    {
        foreach (var range in rule.RemoteV4.Ranges)
        {
            yield return range == AddressRange.All ? "0.0.0.0-255.255.255.255" : range.ToString();
        }
        if (rule.RemoteV6) yield return AllIpv6;
    }

    private static string Quote(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
}
