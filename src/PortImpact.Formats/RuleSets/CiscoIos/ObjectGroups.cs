using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.CiscoIos;

/// <summary>One protocol-and-ports alternative of a service object-group (<c>tcp eq 443</c>, <c>udp range 1 9</c>, <c>esp</c>).</summary>
internal sealed record ServiceEntry(ProtocolSet Protocols, PortSet SourcePorts, PortSet DestinationPorts, ImmutableArray<OpaqueCondition> Opaque);

/// <summary>A network group's addresses; <see cref="MissingGroups"/> names nested groups this file does not define.</summary>
internal sealed record NetworkResolution(AddressSet Addresses, ImmutableArray<string> MissingGroups);

internal sealed record ServiceResolution(ImmutableArray<ServiceEntry> Entries, ImmutableArray<string> MissingGroups);

/// <summary>
/// <c>object-group network</c> and <c>object-group service</c> definitions, read before the ACLs so that an
/// entry may use a group defined further down the file. A group named twice gets the members of both, as
/// IOS reopens an existing group. Nested <c>group-object</c>s are resolved on use; a cycle is an error.
/// </summary>
internal sealed class ObjectGroups
{
    private readonly Dictionary<string, GroupDefinition> _network = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GroupDefinition> _service = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NetworkResolution> _resolvedNetworks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServiceResolution> _resolvedServices = new(StringComparer.Ordinal);

    /// <summary>Members copied from nested groups in all the file's resolutions: sixteen groups of the largest size.</summary>
    private const long MaxFileExpansion = 16L * InputLimits.MaxExpansion;

    private long _expansion;

    private sealed class GroupDefinition
    {
        public List<AddressSet> Addresses { get; } = [];
        public List<ServiceEntry> Services { get; } = [];
        public List<(string Name, SourceLocation Location)> Includes { get; } = [];
    }

    public bool IsNetwork(string name) => _network.ContainsKey(name);

    public bool IsService(string name) => _service.ContainsKey(name);

    public static ObjectGroups Read(ImmutableArray<ConfigBlock> blocks, string file, List<NotUnderstood> notes)
    {
        var groups = new ObjectGroups();
        foreach (var block in blocks)
        {
            if (block.Kind is not (BlockKind.NetworkGroup or BlockKind.ServiceGroup)) continue;
            var cursor = new TokenCursor(block.Header, file);
            cursor.Next(Phrase.Of("IosWhatWord", "object-group"));
            cursor.Next(Phrase.Of("IosWhatNetworkOrService"));
            var name = cursor.Next(Phrase.Of("IosWhatGroupName")).Text;
            var table = block.Kind == BlockKind.NetworkGroup ? groups._network : groups._service;
            if (!table.TryGetValue(name, out var group))
            {
                group = new GroupDefinition();
                table[name] = group;
            }
            foreach (var body in block.Body)
            {
                if (block.Kind == BlockKind.NetworkGroup) ReadNetworkMember(group, new TokenCursor(body.Line, file), notes);
                else ReadServiceMember(group, new TokenCursor(body.Line, file));
            }
        }
        return groups;
    }

    private static void ReadNetworkMember(GroupDefinition group, TokenCursor cursor, List<NotUnderstood> notes)
    {
        var first = cursor.Next(Phrase.Of("IosWhatGroupMember"));
        switch (first.Text)
        {
            case "description":
                return;
            case "group-object":
                group.Includes.Add((cursor.Next(Phrase.Of("IosWhatNestedGroupName")).Text, cursor.At(first)));
                break;
            case "any":
                group.Addresses.Add(AddressSet.Any);
                break;
            case "host":
                group.Addresses.Add(AddressSet.Of(AddressRange.Single(Address(cursor, cursor.Next(Phrase.Of("IosWhatHostAddress")), Phrase.Of("IosWhatIpv4Address")))));
                break;
            case "range":
                var low = Address(cursor, cursor.Next(Phrase.Of("IosWhatRangeFirst")), Phrase.Of("IosWhatIpv4Address"));
                var highToken = cursor.Next(Phrase.Of("IosWhatRangeLast"));
                var high = Address(cursor, highToken, Phrase.Of("IosWhatIpv4Address"));
                if (high < low) throw cursor.Error(highToken, Messages.Format("IosRangeBackwards"));
                group.Addresses.Add(AddressSet.Of(new AddressRange(low, high)));
                break;
            default:
                if (first.Text.Contains(':'))
                {
                    // IOS-XE groups may mix in IPv6 prefixes; the engine is IPv4-only and such members match no IPv4 flow.
                    notes.Add(new NotUnderstood(cursor.At(first), "ipv6 object-group member", cursor.Line.Trimmed, NotUnderstoodEffect.Skipped));
                    cursor.SkipToEnd();
                    break;
                }
                group.Addresses.Add(AddressSet.Of(Subnet(cursor, first)));
                break;
        }
        RejectTrailing(cursor);
    }

    /// <summary><c>A.B.C.D MASK</c> (a subnet mask here, not a wildcard) or <c>A.B.C.D/LEN</c>.</summary>
    private static AddressRange Subnet(TokenCursor cursor, ConfigToken first)
    {
        var slash = first.Text.IndexOf('/');
        if (slash > 0)
        {
            var prefixAddress = Address(cursor, first, Phrase.Of("IosWhatIpv4Prefix"), first.Text[..slash]);
            if (!int.TryParse(first.Text[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length) || length > 32)
            {
                throw cursor.Error(first, Messages.Format("IosPrefixLengthOutOfRange", InputEcho.Escape(first.Text)));
            }
            var prefixMask = length == 0 ? 0u : uint.MaxValue << (32 - length);
            IosAddressing.TryApplySubnetMask(prefixAddress, prefixMask, out var prefix);
            return prefix;
        }
        if (!IosAddressing.LooksNumeric(first.Text))
        {
            throw cursor.Error(first, Messages.Format("IosNotNetworkMember", InputEcho.Escape(first.Text)));
        }
        var address = Address(cursor, first, Phrase.Of("IosWhatIpv4Address"));
        var maskToken = cursor.Next(Phrase.Of("IosWhatSubnetMaskAfter", InputEcho.Escape(first.Text)));
        var mask = Address(cursor, maskToken, Phrase.Of("IosWhatSubnetMask"));
        // Host bits set under the mask (101.164.101.254 255.255.254.0 in a real file) are ignored, as a mask match does.
        return IosAddressing.TryApplySubnetMask(address, mask, out var range)
            ? range
            : throw cursor.Error(maskToken, Messages.Format("IosNotSubnetMask", InputEcho.Escape(maskToken.Text)));
    }

    private static void ReadServiceMember(GroupDefinition group, TokenCursor cursor)
    {
        var first = cursor.Next(Phrase.Of("IosWhatGroupMember"));
        switch (first.Text)
        {
            case "description":
                return;
            case "group-object":
                group.Includes.Add((cursor.Next(Phrase.Of("IosWhatNestedGroupName")).Text, cursor.At(first)));
                break;
            case "tcp" or "udp" or "tcp-udp":
                var transport = first.Text switch { "tcp" => PortProtocol.Tcp, "udp" => PortProtocol.Udp, _ => PortProtocol.TcpUdp };
                var protocols = transport switch
                {
                    PortProtocol.Tcp => ProtocolSet.Of(ProtocolSet.Tcp),
                    PortProtocol.Udp => ProtocolSet.Of(ProtocolSet.Udp),
                    _ => ProtocolSet.Of(ProtocolSet.Tcp, ProtocolSet.Udp),
                };
                var opaque = ImmutableArray.CreateBuilder<OpaqueCondition>();
                var sourcePorts = PortSet.All;
                var destinationPorts = PortSet.All;
                // In a service group a bare operator compares the destination port; "source" introduces the source's.
                if (cursor.TryTake("source"))
                {
                    sourcePorts = Operator(cursor, transport, opaque, Phrase.Of("IosWhatPortOperatorAfterSource"));
                }
                if (!cursor.AtEnd)
                {
                    destinationPorts = Operator(cursor, transport, opaque, Phrase.Of("IosWhatPortOperator"));
                }
                group.Services.Add(new ServiceEntry(protocols, sourcePorts, destinationPorts, opaque.ToImmutable()));
                break;
            case "icmp":
                var types = cursor.AtEnd ? [] : ImmutableArray.Create(new OpaqueCondition("icmp-type", cursor.TextFrom(first)));
                cursor.SkipToEnd();
                group.Services.Add(new ServiceEntry(ProtocolSet.Of(IosProtocols.Icmp), PortSet.All, PortSet.All, types));
                break;
            default:
                var other = IosProtocols.Resolve(first, cursor)
                    ?? throw cursor.Error(first, Messages.Format("IosNotServiceMember", InputEcho.Escape(first.Text)));
                group.Services.Add(new ServiceEntry(other, PortSet.All, PortSet.All, []));
                break;
        }
        RejectTrailing(cursor);
    }

    private static PortSet Operator(TokenCursor cursor, PortProtocol transport, ImmutableArray<OpaqueCondition>.Builder opaque, Phrase expected)
    {
        var op = cursor.Next(expected);
        if (!IosPorts.IsOperator(op.Text)) throw cursor.Error(op, Messages.Format("IosNotPortOperator", InputEcho.Escape(op.Text)));
        var match = IosPorts.ParseOperator(cursor, op, transport);
        if (match.Opaque is not null) opaque.Add(match.Opaque);
        return match.Ports;
    }

    private static uint Address(TokenCursor cursor, ConfigToken token, Phrase what, string? text = null) =>
        AddressRange.TryParseAddress(text ?? token.Text, out var value) ? value : throw cursor.Error(token, Messages.Format("IosNotAddressWhat", InputEcho.Escape(token.Text), what.ToString()));

    private static void RejectTrailing(TokenCursor cursor)
    {
        if (cursor.Peek() is { } extra) throw cursor.Error(extra, Messages.Format("IosUnexpectedAfterMember", InputEcho.Escape(extra.Text)));
    }

    /// <summary>The addresses of a network group, or null when no network group has that name.</summary>
    public NetworkResolution? ResolveNetwork(string name) => _network.ContainsKey(name) ? ResolveNetwork(name, [], null) : null;

    // Resolution recurses once per level of group-object; the levels are bounded (InputLimits.MaxNesting), so a
    // 50,000-deep nesting is bad input at the line that goes too deep, not an exhausted stack.
    private NetworkResolution ResolveNetwork(string name, HashSet<string> visiting, SourceLocation? includedAt)
    {
        if (_resolvedNetworks.TryGetValue(name, out var known)) return known;
        Enter(name, visiting, includedAt);
        var group = _network[name];
        // Ranges are gathered and merged once at the end (and when they pile up), not re-merged per member.
        var ranges = new List<AddressRange>();
        foreach (var set in group.Addresses) ranges.AddRange(set.Ranges);
        var single = group.Addresses.Count == 0 && group.Includes.Select(i => i.Name).Distinct(StringComparer.Ordinal).Count() == 1;
        var expansion = (long)ranges.Count;
        var missing = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        NetworkResolution? only = null;
        var merged = 0;
        foreach (var (include, location) in group.Includes)
        {
            if (visiting.Contains(include)) throw new InputException(location, Messages.Format("IosGroupIncludesItself", InputEcho.Escape(include)));
            // The same group twice adds nothing: ACL matching is a union.
            if (!seen.Add(include)) continue;
            if (!_network.ContainsKey(include))
            {
                missing.Add(include);
                continue;
            }
            var nested = ResolveNetwork(include, visiting, location);
            only = nested;
            missing.AddRange(nested.MissingGroups);
            if (single) continue;
            expansion += nested.Addresses.Ranges.Length;
            Spend(nested.Addresses.Ranges.Length, name, expansion, location);
            ranges.AddRange(nested.Addresses.Ranges);
            if (ranges.Count > 2 * merged + 4096)
            {
                ranges = [.. AddressSet.From(ranges).Ranges];
                merged = ranges.Count;
            }
        }
        visiting.Remove(name);
        // A group that only names another is that group: its set is shared, not copied.
        var addresses = single && only is not null ? only.Addresses : AddressSet.From(ranges);
        var resolution = new NetworkResolution(addresses, [.. missing.Distinct(StringComparer.Ordinal)]);
        _resolvedNetworks[name] = resolution;
        return resolution;
    }

    /// <summary>The alternatives of a service group, or null when no service group has that name.</summary>
    public ServiceResolution? ResolveService(string name) => _service.ContainsKey(name) ? ResolveService(name, [], null) : null;

    private ServiceResolution ResolveService(string name, HashSet<string> visiting, SourceLocation? includedAt)
    {
        if (_resolvedServices.TryGetValue(name, out var known)) return known;
        Enter(name, visiting, includedAt);
        var group = _service[name];
        var entries = ImmutableArray.CreateBuilder<ServiceEntry>();
        entries.AddRange(group.Services);
        // A nested alternative already present adds nothing; without this, two ways to one group at every level would
        // double the alternatives per level (2^40 from forty short lines).
        var present = new HashSet<ServiceEntry>(group.Services, ServiceEntryComparer.Instance);
        var missing = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (include, location) in group.Includes)
        {
            if (visiting.Contains(include)) throw new InputException(location, Messages.Format("IosGroupIncludesItself", InputEcho.Escape(include)));
            if (!seen.Add(include)) continue;
            if (!_service.ContainsKey(include))
            {
                missing.Add(include);
                continue;
            }
            var nested = ResolveService(include, visiting, location);
            Spend(nested.Entries.Length, name, entries.Count + (long)nested.Entries.Length, location);
            foreach (var entry in nested.Entries)
            {
                if (present.Add(entry)) entries.Add(entry);
            }
            missing.AddRange(nested.MissingGroups);
        }
        visiting.Remove(name);
        var resolution = new ServiceResolution(entries.ToImmutable(), [.. missing.Distinct(StringComparer.Ordinal)]);
        _resolvedServices[name] = resolution;
        return resolution;
    }

    private static void Enter(string name, HashSet<string> visiting, SourceLocation? includedAt)
    {
        if (visiting.Count >= InputLimits.MaxNesting && includedAt is { } at)
        {
            throw new InputException(at, Messages.Format("IosGroupsTooDeep", InputLimits.MaxNesting));
        }
        visiting.Add(name);
    }

    /// <summary>
    /// Counts the members a resolution copies, per group (<see cref="InputLimits.MaxExpansion"/>) and for the whole file
    /// (<see cref="MaxFileExpansion"/>): a file can name one large group from many others, and each copy costs time.
    /// </summary>
    private void Spend(int copied, string group, long groupExpansion, SourceLocation at)
    {
        _expansion += copied;
        if (groupExpansion > InputLimits.MaxExpansion)
        {
            throw new InputException(at, Messages.Format("IosGroupExpandsTooFar", InputEcho.Escape(group), InputLimits.MaxExpansion));
        }
        if (_expansion > MaxFileExpansion)
        {
            throw new InputException(at, Messages.Format("IosGroupsExpandTooFar", MaxFileExpansion));
        }
    }

    /// <summary>Service alternatives by value: their protocols, ports and conditions.</summary>
    private sealed class ServiceEntryComparer : IEqualityComparer<ServiceEntry>
    {
        public static readonly ServiceEntryComparer Instance = new();

        public bool Equals(ServiceEntry? x, ServiceEntry? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.Protocols.Equals(y.Protocols) && x.SourcePorts.Equals(y.SourcePorts)
                && x.DestinationPorts.Equals(y.DestinationPorts) && x.Opaque.SequenceEqual(y.Opaque));

        public int GetHashCode(ServiceEntry entry) => HashCode.Combine(entry.Protocols, entry.SourcePorts, entry.DestinationPorts, entry.Opaque.Length);
    }
}
