using System.Collections.Immutable;
using PortImpact.Core.Ports;

namespace PortImpact.Core.Knowledge;

/// <summary>
/// An operating system a host may run (a hosts' <c>os:</c>), with the traits that change what it needs on the wire
/// or what can infect it: <c>smb1</c> (the SMBv1 server is installed by default), <c>print-rpc-over-tcp</c> (the print
/// client talks to print servers over RPC/TCP rather than named pipes) and so on, and the RPC dynamic range it hands
/// out by default (KB 929851). <see cref="Rank"/> orders the versions of one family by release, oldest first.
/// </summary>
public sealed record OsVersion(
    string Id,
    LocalizedText Name,
    string Family,
    int Rank,
    ImmutableArray<string> Traits,
    PortSet RpcDynamicPorts,
    ImmutableArray<string> Sources)
{
    public bool Has(string trait) => Traits.Contains(trait);
}
