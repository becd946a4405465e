using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Formats.Emit;

namespace PortImpact.Formats.Tests.Emit;

/// <summary>Small changes written the way the engine hands them over, and helpers to read emitted text.</summary>
internal static class EmitSamples
{
    public static readonly PortSelection WormPorts = PortSelection.Both(Ports("135,137-139,445"));

    public static readonly AddressSet Server = Addresses("10.99.2.2");

    public static PortSet Ports(string text)
    {
        Assert.True(PortSet.TryParse(text, out var set, out var error), error);
        return set;
    }

    public static AddressSet Addresses(params string[] ranges) => ranges.Length == 1 && ranges[0] == "any"
        ? AddressSet.Any
        : AddressSet.From(ranges.Select(Range));

    /// <summary><c>10.0.0.0/24</c>, <c>10.0.0.1</c> or <c>10.0.0.1-10.0.0.9</c>.</summary>
    private static AddressRange Range(string text)
    {
        var dash = text.IndexOf('-');
        return dash < 0 ? AddressRange.Parse(text) : new AddressRange(AddressRange.Parse(text[..dash]).First, AddressRange.Parse(text[(dash + 1)..]).First);
    }

    public static FirewallRule Permit(string label, Transport transport, string ports, AddressSet from, AddressSet to, TrafficDirection direction = TrafficDirection.Both) =>
        new(RuleAction.Permit, PortSelection.Of(transport, Ports(ports)), from, to, direction, label, null);

    public static FirewallRule Deny(string label, Transport transport, string ports, AddressSet from, AddressSet to, TrafficDirection direction = TrafficDirection.Both) =>
        new(RuleAction.Deny, PortSelection.Of(transport, Ports(ports)), from, to, direction, label, null);

    public static ChangeAtPoint AtRouter(PortSelection closed, params FirewallRule[] exceptions) =>
        new("router", closed, TrafficDirection.Both, [.. exceptions]);

    public static ChangeAtPoint AtServer(PortSelection closed, TrafficDirection direction, params FirewallRule[] exceptions) =>
        new("host:server", closed, direction, [.. exceptions]);

    public static EmitOptions OnServer => EmitOptions.ForHost(Server);

    /// <summary>The lines a device reads, without the explanation in comments (tested once per target, in full).</summary>
    public static string RuleLines(string emitted, string commentMarker) =>
        string.Join("\n", emitted.Split('\n').Where(l => l.Length > 0 && !l.StartsWith(commentMarker, StringComparison.Ordinal))) + "\n";

    public static ImmutableArray<FirewallRule> None => [];
}
