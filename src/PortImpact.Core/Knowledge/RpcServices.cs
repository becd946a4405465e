namespace PortImpact.Core.Knowledge;

/// <summary>
/// The RPC servers an admin can pin to a port of their own, so that a firewall opens that port instead of the
/// whole dynamic range: Active Directory replication (<c>ntds</c>, registry value "TCP/IP Port") and Netlogon
/// (<c>netlogon</c>, "DCTcpipPort") by KB 224196, DFS Replication (<c>dfsr</c>) by <c>dfsrdiag StaticRPC</c>, and
/// the File Replication Service (<c>frs</c>) by KB 319553.
/// </summary>
public static class RpcServices
{
    public static readonly IReadOnlyList<string> Pinnable = ["ntds", "netlogon", "dfsr", "frs"];
}
