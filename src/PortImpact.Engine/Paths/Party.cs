using PortImpact.Core.Addresses;
using PortImpact.Core.Model;

namespace PortImpact.Engine.Paths;

/// <summary>
/// One end of a flow: a modelled host group (whose host firewall applies) or an attacker, whose own
/// machine enforces nothing for the defender.
/// </summary>
public sealed record Party(string Name, string Place, AddressSet Addresses, HostGroup? Host)
{
    public static Party Of(HostGroup host) => new(host.Name, host.Place, host.Addresses, host);
}
