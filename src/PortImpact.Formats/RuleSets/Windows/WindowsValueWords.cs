namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// The words netsh and the NetSecurity cmdlets use for addresses and ports, turned into the rule grammar's keys
/// ([MS-GPFAS] 2.2.2.19): their names for the AppContainer address keywords and the port keywords differ from the
/// grammar's (<c>Intranet</c> is <c>RA42=IntrAnet</c>, <c>RPCEPMap</c> is <c>RPC-EPMap</c>, <c>PlayToDiscovery</c> is
/// <c>Ply2Disc</c>). A word neither knows is passed on unchanged, for the interpreter to read or report.
/// </summary>
internal static class WindowsValueWords
{
    public static (string Key, string Value) Address(string token, bool remote)
    {
        if (token.Contains(':')) return (remote ? "RA6" : "LA6", token);
        string? appContainer = token.ToUpperInvariant() switch
        {
            "INTRANET" => "IntrAnet",
            "INTERNET" => "IntErnet",
            "RMTINTRANET" or "INTRANETREMOTEACCESS" => "RmtIntrAnet",
            "PLAYTODEVICE" or "PLY2RENDERS" => "Ply2Renders",
            "CAPTIVEPORTAL" => "CaptivePortal",
            _ => null,
        };
        if (remote && appContainer is not null) return ("RA42", appContainer);
        return (remote ? "RA4" : "LA4", token);
    }

    public static (string Key, string Value) Port(string token, bool local)
    {
        var value = token.ToUpperInvariant() switch
        {
            "IPHTTPS" => local ? "IPHTTPSIn" : "IPHTTPSOut",
            "PLAYTODISCOVERY" => "Ply2Disc",
            "RPCEPMAP" => "RPC-EPMap",
            _ => token,
        };
        return (local ? "LPort" : "RPort", value);
    }

    /// <summary>The entries of a comma list, trimmed, each with where it starts in the list (for exact columns).</summary>
    public static IEnumerable<(string Entry, int Offset)> CommaList(string value)
    {
        var offset = 0;
        foreach (var part in value.Split(','))
        {
            yield return (part.Trim(), offset + part.Length - part.TrimStart().Length);
            offset += part.Length + 1;
        }
    }

    /// <summary>The grammar's protocol number for netsh's and PowerShell's names; anything else unchanged.</summary>
    public static string Protocol(string value) => value.ToUpperInvariant() switch
    {
        "TCP" => "6",
        "UDP" => "17",
        "ICMPV4" => "1",
        "ICMPV6" => "58",
        _ => value,
    };
}
