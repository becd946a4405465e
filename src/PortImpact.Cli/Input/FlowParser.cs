using System.Globalization;
using System.Text.RegularExpressions;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;

namespace PortImpact.Cli.Input;

/// <summary>
/// Reads <c>--flow 'tcp 10.0.0.5:50123 -> 10.1.0.20:445'</c> (quoted: a bare <c>-></c> is a shell redirection), or
/// the same without the arrow or with <c>to</c>. The source port may be left out: an ephemeral one is assumed.
/// </summary>
public static partial class FlowParser
{
    public static readonly SourceLocation CommandLine = new("--flow", 1, 1);

    // The arrow is optional (an unquoted "->" is a redirection in a shell): "tcp A:P B:Q" and "tcp A:P to B:Q" work too.
    [GeneratedRegex(@"^\s*(?<proto>\S+)\s+(?<src>[0-9.]+)(:(?<sport>\d+))?\s*(->|\s+to\s+|\s+)\s*(?<dst>[0-9.]+):(?<dport>\d+)\s*$")]
    private static partial Regex Pattern();

    public static bool TryParse(string text, out Flow? flow)
    {
        try
        {
            flow = Parse(text);
            return true;
        }
        catch (InputException)
        {
            flow = null;
            return false;
        }
    }

    /// <param name="clientPorts">Where a client sends from, for a flow written without its source port: the port's fixed
    /// source port (NetBIOS 137 → 137) when the catalog knows one, else 50000, a port of Windows' dynamic range.</param>
    public static Flow Parse(string text, ClientSourcePorts? clientPorts = null)
    {
        var match = Pattern().Match(text);
        if (!match.Success) throw new InputException(CommandLine, Messages.Format("CliNotFlow", text));
        var protocolText = match.Groups["proto"].Value.ToLowerInvariant();
        var protocol = protocolText switch
        {
            "tcp" => ProtocolSet.Tcp,
            "udp" => ProtocolSet.Udp,
            "icmp" => 1,
            _ when int.TryParse(protocolText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= 255 => number,
            _ => throw new InputException(At(match.Groups["proto"]), Messages.Format("CliBadFlowProtocol", protocolText)),
        };
        var destinationPort = Port(match.Groups["dport"]);
        var sourcePort = match.Groups["sport"].Success ? Port(match.Groups["sport"])
            : protocol is ProtocolSet.Tcp or ProtocolSet.Udp
              && clientPorts?.Fixed.GetValueOrDefault((protocol == ProtocolSet.Tcp ? Transport.Tcp : Transport.Udp, destinationPort)) is { IsEmpty: false } fixedPorts
                ? fixedPorts.Ranges[0].First
                : 50000;
        return new Flow(protocol, Address(match.Groups["src"]), sourcePort, Address(match.Groups["dst"]), destinationPort);
    }

    private static SourceLocation At(Group group) => new("--flow", 1, group.Index + 1);

    private static uint Address(Group group) =>
        AddressRange.TryParse(group.Value, out var range, out var error) && range.First == range.Last
            ? range.First
            : throw new InputException(At(group), error ?? Messages.Format("CliNotOneAddress", group.Value));

    private static int Port(Group group) =>
        int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new InputException(At(group), Messages.Format("CliPortOutOfRange", group.Value, PortRange.MaxPort));
}
