using PortImpact.Core.Addresses;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>The ports of one side (local or remote): absent means all; a keyword without a fixed port widens to all.</summary>
internal sealed class PortSide
{
    private readonly List<PortSet> _sets = [];
    private bool _any;
    private bool _widened;

    public void Add(PortSet ports)
    {
        _any = true;
        _sets.Add(ports);
    }

    public void Widen()
    {
        _any = true;
        _widened = true;
    }

    // One union of all the ranges: a union per field would sort the growing set again for each of them.
    public PortSet Resolve() => !_any || _widened ? PortSet.All : PortSet.From(_sets.SelectMany(s => s.Ranges));
}

/// <summary>
/// The addresses of one side. Windows matches an IPv4 packet against the side's IPv4 entries (addresses and
/// IPv4 keywords); a side with only IPv6 entries matches no IPv4 packet, a side with none matches all.
/// </summary>
internal sealed class AddressSide
{
    private readonly List<AddressRange> _v4 = [];
    private readonly List<RuleField> _v4Keywords = [];
    private readonly List<RuleField> _v6 = [];

    public void AddV4(AddressRange range) => _v4.Add(range);

    public void AddV4Keyword(RuleField field) => _v4Keywords.Add(field);

    public void AddV6(RuleField field) => _v6.Add(field);

    public AddressSet Resolve(List<OpaqueCondition> opaque)
    {
        if (_v4.Count == 0 && _v4Keywords.Count == 0)
        {
            if (_v6.Count == 0) return AddressSet.Any;
            opaque.Add(new OpaqueCondition("ipv6", string.Join("|", _v6.Select(f => f.Text))));
            return AddressSet.Empty;
        }
        if (_v4Keywords.Count == 0) return AddressSet.From(_v4);
        foreach (var keyword in _v4Keywords) opaque.Add(new OpaqueCondition("address keyword", keyword.Text));
        return AddressSet.Any;
    }
}
