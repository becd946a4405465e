using PortImpact.Core.Ports;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// The keywords of the rule grammar and what a reader that sees no live host can make of them.
/// <para>
/// Port keywords ([MS-GPFAS] 2.2.2.3, [MS-FASP] 2.2.14 FW_PORT_KEYWORD) stand for ports the firewall tracks at
/// run time. Where the port is fixed by the protocol's standard or by Windows' documented default, the keyword is
/// resolved to it and the rule stays exact:
/// <c>RPC</c> → TCP 49152-65535, the dynamic range the RPC endpoint mapper hands out by default since Windows
/// Vista / Server 2008 (KB 929851; a host narrowed per KB 154596 differs, which the model's rpcDynamicPorts says);
/// <c>RPC-EPMap</c> → 135, the endpoint mapper's own port;
/// <c>IPHTTPSIn</c>/<c>IPTLSIn</c>/<c>IPHTTPSOut</c>/<c>IPTLSOut</c> → 443, IP-HTTPS's default (formats.md §1.2);
/// <c>DHCP</c> → 68, the DHCPv4 client port (RFC 2131; DHCPv6's 546 is IPv6-only, outside the engine);
/// <c>mDNS</c> → 5353 (RFC 6762).
/// <c>Teredo</c> (a UDP port the Teredo client picks, GetTeredoPort), <c>Ply2Disc</c>, <c>CortanaOut</c> and
/// <c>TcpCDPSvc</c> have no documented fixed port: they become an <c>OpaqueCondition</c> ("port keyword") and the
/// port set is every port, so the rule "may match".
/// </para>
/// <para>
/// Address keywords (<c>LocalSubnet</c>, <c>DNS</c>, <c>DHCP</c>, <c>WINS</c>, <c>DefaultGateway</c>, [MS-GPFAS]
/// 2.2.2.13, and the 2.20 AppContainer ones <c>IntrAnet</c>, <c>IntErnet</c>, <c>Ply2Renders</c>,
/// <c>RmtIntrAnet</c>, <c>CaptivePortal</c>) depend on the host's interfaces and configuration: always opaque.
/// </para>
/// </summary>
internal static class WindowsKeywords
{
    /// <summary>The keyword for the RPC dynamic range; a host narrowed per KB 154596 gives its own range to the reader.</summary>
    public const string Rpc = "RPC";

    private static readonly Dictionary<string, PortKeyword> PortKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        [Rpc] = new(Rpc, PortSet.Range(49152, 65535)),
        ["RPC-EPMap"] = new("RPC-EPMap", PortSet.Of(135)),
        ["Teredo"] = new("Teredo", null),
        ["IPTLSIn"] = new("IPTLSIn", PortSet.Of(443)),
        ["IPHTTPSIn"] = new("IPHTTPSIn", PortSet.Of(443)),
        ["IPTLSOut"] = new("IPTLSOut", PortSet.Of(443)),
        ["IPHTTPSOut"] = new("IPHTTPSOut", PortSet.Of(443)),
        ["DHCP"] = new("DHCP", PortSet.Of(68)),
        ["Ply2Disc"] = new("Ply2Disc", null),
        ["mDNS"] = new("mDNS", PortSet.Of(5353)),
        ["CortanaOut"] = new("CortanaOut", null),
        ["TcpCDPSvc"] = new("TcpCDPSvc", null),
    };

    /// <summary>[MS-GPFAS] 2.2.2.13 ADDRESS-KEYWORD-VAL, allowed in RA4 and RA6.</summary>
    private static readonly HashSet<string> AddressKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "LocalSubnet", "DNS", "DHCP", "WINS", "DefaultGateway",
    };

    /// <summary>[MS-GPFAS] 2.2.2.13 ADDRESS-KEYWORD-VAL-2-20, the values of RA42 and RA62.</summary>
    private static readonly HashSet<string> AppContainerAddressKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "IntrAnet", "IntErnet", "Ply2Renders", "RmtIntrAnet", "CaptivePortal",
    };

    public static bool TryFindPort(string keyword, out PortKeyword found) => PortKeywords.TryGetValue(keyword, out found!);

    public static bool IsAddressKeyword(string value) => AddressKeywords.Contains(value);

    public static bool IsAppContainerAddressKeyword(string value) => AppContainerAddressKeywords.Contains(value);
}

/// <summary>A port keyword and the ports it resolves to; null when no fixed port is documented.</summary>
internal sealed record PortKeyword(string Name, PortSet? Ports);
