using System.Collections.Immutable;
using System.Globalization;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// Turns a rule's fields ([MS-GPFAS] 2.2.2.19, formats.md §1.2) into an <see cref="ImportedRule"/>.
/// <para>
/// Evaluated into sets: <c>Action</c> (Allow → Permit, Block → Deny, ByPass → Bypass), <c>Active</c> (absent =
/// FALSE, disabled), <c>Dir</c>, <c>Profile</c> (absent = all three), <c>Protocol</c> (absent = any; the names
/// tcp/udp/icmp/icmpv6 of sloppy rules are taken), the port keys (<c>LPort</c>, <c>LPort2_10</c>,
/// <c>LPort2_20</c>, <c>RPort</c>, <c>RPort2_10</c>; single ports, ranges, comma lists and the keywords of
/// <see cref="WindowsKeywords"/>) and the IPv4 address keys (<c>LA4</c>, <c>RA4</c>). Windows rules are written
/// from the host's side, local and remote; the rule's flow runs remote → local for <c>Dir=In</c> (Source = RA,
/// Destination = LA, DestinationPorts = LPort) and local → remote for <c>Dir=Out</c> (Source = LA,
/// Destination = RA, DestinationPorts = RPort).
/// </para>
/// <para>
/// Understood but not evaluable off the box — an <see cref="OpaqueCondition"/> on the rule (it "may match"),
/// NOT a <see cref="NotUnderstood"/> entry: <c>App</c>, <c>Svc</c>, <c>AppPkgId</c>, <c>PFN</c>, <c>LUOwn</c>,
/// <c>LUAuth</c>, <c>LUAuth2_24</c>, <c>RMAuth</c>, <c>RUAuth</c>, <c>Security</c>, <c>Security2</c>,
/// <c>Security2_9</c>, <c>AuthByPassOut=TRUE</c>, <c>IF</c>, <c>IFType</c>, <c>TTK…</c>, <c>NNm</c>,
/// <c>SecurityRealmId</c>, <c>Platform</c>/<c>Platform2</c>, <c>ICMP4</c>/<c>ICMP6</c> type codes, address
/// keywords (<c>RA4=LocalSubnet</c>, <c>RA42=IntrAnet</c>…: the side's set is then every address) and port
/// keywords without a fixed port (the port set is then every port). A side whose addresses are all IPv6
/// (<c>RA6=…</c> and no <c>RA4</c>) matches no IPv4 traffic: its set is empty and an <c>OpaqueCondition("ipv6")</c>
/// says why. Read and ignored because they do not change whether a new IPv4 connection matches: <c>Name</c>,
/// <c>Desc</c>, <c>EmbedCtxt</c>, <c>Edge</c>, <c>Defer</c>, <c>LSM</c>, <c>LOM</c>, <c>PCross</c>, <c>SkipVer</c>.
/// </para>
/// <para>
/// Not understood: a key this reader does not know, or a keyword value it does not know. In a rule of schema
/// <see cref="RuleSchemaVersion.Newest"/> or older that breaks the grammar and is an <see cref="InputException"/>;
/// in a newer rule (or netsh text) it is a <see cref="NotUnderstood"/> with effect RuleMayMatch and an opaque
/// condition, as <c>SkipVer</c> intends older readers to cope with newer rules. Malformed numbers (port 70000,
/// address 10.0.0.300), a key given twice that may appear once, ports without Protocol 6 or 17 and a missing
/// Action or Dir are always bad input.
/// </para>
/// </summary>
internal static partial class RuleInterpreter
{
    /// <param name="rpcDynamicPorts">What the <c>RPC</c> port keyword means on this host; null for Windows' default range.</param>
    public static ImportedRule Interpret(RuleDefinition rule, ICollection<NotUnderstood> notUnderstood, PortSet? rpcDynamicPorts = null)
    {
        var state = new RuleState(rule, notUnderstood, rpcDynamicPorts);
        var onceOnly = new Dictionary<string, RuleField>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in rule.Fields)
        {
            if (!WindowsRuleFields.TryGetKey(field.Key, out var spec))
            {
                state.UnknownKey(field);
                continue;
            }
            if (!spec.Repeats && !onceOnly.TryAdd(spec.Key, field))
            {
                throw new InputException(field.KeyLocation, Messages.Format("WfKeyTwice", spec.Key, InputEcho.Escape(rule.Id)));
            }
            state.Apply(spec, field);
        }
        return state.Build();
    }

    /// <summary>What the fields of one rule have said so far.</summary>
    private sealed partial class RuleState(RuleDefinition rule, ICollection<NotUnderstood> notUnderstood, PortSet? rpcDynamicPorts)
    {
        private readonly List<OpaqueCondition> _opaque = [];
        private readonly SortedSet<int> _profiles = [];
        private readonly PortSide _localPorts = new();
        private readonly PortSide _remotePorts = new();
        private readonly AddressSide _localAddresses = new();
        private readonly AddressSide _remoteAddresses = new();
        private readonly List<RuleField> _portFields = [];
        private readonly List<RuleField> _icmpFields = [];
        private RuleVerdict? _verdict;
        private bool _enabled;
        private TrafficDirection? _direction;
        private int? _protocol;
        private bool _protocolUnknown;

        public void Apply(WindowsRuleField spec, RuleField field)
        {
            switch (spec.Kind)
            {
                case KeyKind.Action:
                    _verdict = field.Value.ToUpperInvariant() switch
                    {
                        "ALLOW" => RuleVerdict.Permit,
                        "BLOCK" => RuleVerdict.Deny,
                        "BYPASS" => RuleVerdict.Bypass,
                        _ => throw new InputException(field.ValueLocation, Messages.Format("WfBadAction", InputEcho.Escape(field.Value), InputEcho.Escape(rule.Id))),
                    };
                    break;
                case KeyKind.Active:
                    _enabled = ParseBool(field);
                    break;
                case KeyKind.Dir:
                    _direction = field.Value.ToUpperInvariant() switch
                    {
                        "IN" => TrafficDirection.In,
                        "OUT" => TrafficDirection.Out,
                        _ => throw new InputException(field.ValueLocation, Messages.Format("WfBadDirection", InputEcho.Escape(field.Value), InputEcho.Escape(rule.Id))),
                    };
                    break;
                case KeyKind.Profile:
                    if (FirewallProfile.TryParse(field.Value, out var profile)) _profiles.Add(profile.Index);
                    else Unrecognised(field, Messages.Format("WfExpectProfile"), null);
                    break;
                case KeyKind.Protocol:
                    ApplyProtocol(field);
                    break;
                case KeyKind.LocalPort:
                    _portFields.Add(field);
                    ApplyPorts(field, _localPorts);
                    break;
                case KeyKind.RemotePort:
                    _portFields.Add(field);
                    ApplyPorts(field, _remotePorts);
                    break;
                case KeyKind.LocalV4:
                    ApplyV4(field, _localAddresses, keywordsAllowed: false);
                    break;
                case KeyKind.RemoteV4:
                    ApplyV4(field, _remoteAddresses, keywordsAllowed: true);
                    break;
                case KeyKind.LocalV6:
                    ApplyV6(field, _localAddresses, keywordsAllowed: false);
                    break;
                case KeyKind.RemoteV6:
                    ApplyV6(field, _remoteAddresses, keywordsAllowed: true);
                    break;
                case KeyKind.RemoteV4Keyword:
                    if (WindowsKeywords.IsAppContainerAddressKeyword(field.Value)) _remoteAddresses.AddV4Keyword(field);
                    else Unrecognised(field, Messages.Format("WfExpectAddressKeyword"), () => _remoteAddresses.AddV4Keyword(field));
                    break;
                case KeyKind.RemoteV6Keyword:
                    if (WindowsKeywords.IsAppContainerAddressKeyword(field.Value)) _remoteAddresses.AddV6(field);
                    else Unrecognised(field, Messages.Format("WfExpectAddressKeyword"), () => _remoteAddresses.AddV6(field));
                    break;
                case KeyKind.Opaque:
                    ApplyOpaque(spec, field);
                    break;
                case KeyKind.Flag:
                    ParseBool(field);
                    break;
                case KeyKind.BypassOutbound:
                    // Authenticated outbound traffic bypasses the (block) rule: whether a flow is authenticated is not known here.
                    if (ParseBool(field)) _opaque.Add(new OpaqueCondition("ipsec security", field.Text));
                    break;
                case KeyKind.Defer:
                    if (!field.Value.Equals("App", StringComparison.OrdinalIgnoreCase) && !field.Value.Equals("User", StringComparison.OrdinalIgnoreCase))
                    {
                        Unrecognised(field, Messages.Format("WfExpectEdgeDeferral"), null);
                    }
                    break;
                case KeyKind.SkipVer:
                    if (!RuleSchemaVersion.TryParse(field.Value, out _))
                    {
                        throw new InputException(field.ValueLocation, Messages.Format("WfBadSchemaVersion", InputEcho.Escape(field.Value), InputEcho.Escape(rule.Id)));
                    }
                    break;
                case KeyKind.Platform:
                    ApplyPlatform(field);
                    break;
                case KeyKind.Display:
                    break;
                case KeyKind.Icmp4:
                case KeyKind.Icmp6:
                    ApplyIcmp(field);
                    break;
            }
        }

        public void UnknownKey(RuleField field)
        {
            if (!rule.Lenient)
            {
                throw new InputException(field.KeyLocation,
                    Messages.Format("WfUnknownKey", InputEcho.Escape(field.Key), rule.Version, InputEcho.Escape(rule.Id), RuleSchemaVersion.Newest));
            }
            notUnderstood.Add(new NotUnderstood(field.KeyLocation, $"unknown key {field.Key}", field.Text, NotUnderstoodEffect.RuleMayMatch));
            _opaque.Add(new OpaqueCondition("unknown key", field.Text));
        }

        /// <summary>
        /// A keyword value this reader does not know: bad input in a rule of a schema it knows, else reported and
        /// made opaque (<paramref name="widen"/> makes the affected set "everything"). <paramref name="expected"/> says
        /// what the value should be, in the reader's language.
        /// </summary>
        private void Unrecognised(RuleField field, string expected, Action? widen)
        {
            if (!rule.Lenient)
            {
                throw new InputException(field.ValueLocation, Messages.Format("WfUnrecognisedValue", InputEcho.Escape(field.Value), expected, field.Key, InputEcho.Escape(rule.Id)));
            }
            notUnderstood.Add(new NotUnderstood(field.ValueLocation, $"{field.Key} value {field.Value}", field.Text, NotUnderstoodEffect.RuleMayMatch));
            _opaque.Add(new OpaqueCondition("unknown value", field.Text));
            widen?.Invoke();
        }

        private bool ParseBool(RuleField field) => field.Value.ToUpperInvariant() switch
        {
            "TRUE" => true,
            "FALSE" => false,
            _ => throw new InputException(field.ValueLocation, Messages.Format("WfNotBoolean", InputEcho.Escape(field.Value), field.Key, InputEcho.Escape(rule.Id))),
        };

        public ImportedRule Build()
        {
            var verdict = _verdict ?? throw new InputException(rule.Location, Messages.Format("WfNoAction", InputEcho.Escape(rule.Id)));
            var direction = _direction ?? throw new InputException(rule.Location, Messages.Format("WfNoDir", InputEcho.Escape(rule.Id)));
            CheckProtocolFields();
            var protocols = _protocol is { } number && !_protocolUnknown ? ProtocolSet.Of(number) : ProtocolSet.Any;
            var localPorts = _localPorts.Resolve();
            var remotePorts = _remotePorts.Resolve();
            var localAddresses = _localAddresses.Resolve(_opaque);
            var remoteAddresses = _remoteAddresses.Resolve(_opaque);
            var inbound = direction == TrafficDirection.In;
            return new ImportedRule(
                rule.Id, rule.Location, rule.Text, verdict, null, protocols,
                Source: inbound ? remoteAddresses : localAddresses,
                Destination: inbound ? localAddresses : remoteAddresses,
                SourcePorts: inbound ? remotePorts : localPorts,
                DestinationPorts: inbound ? localPorts : remotePorts,
                NewConnections: true,
                Direction: direction,
                Enabled: _enabled,
                Profiles: [.. _profiles.Count == 0 ? FirewallProfile.All : _profiles.Select(i => FirewallProfile.All[i])],
                Opaque: [.. _opaque]);
        }

        /// <summary>[MS-GPFAS] 2.2.2.19: ports only with Protocol 6 or 17, ICMP4 only with 1, ICMP6 only with 58.</summary>
        private void CheckProtocolFields()
        {
            if (_protocolUnknown) return;
            if (_portFields.Count > 0 && _protocol is not (ProtocolSet.Tcp or ProtocolSet.Udp))
            {
                var field = _portFields[0];
                throw new InputException(field.KeyLocation, Messages.Format("WfPortsNeedTcpOrUdp", field.Key, InputEcho.Escape(rule.Id)));
            }
            foreach (var field in _icmpFields)
            {
                var needed = field.Key.Equals("ICMP4", StringComparison.OrdinalIgnoreCase) ? 1 : 58;
                if (_protocol != needed)
                {
                    throw new InputException(field.KeyLocation, Messages.Format("WfIcmpNeedsProtocol", field.Key, needed, InputEcho.Escape(rule.Id)));
                }
            }
        }
    }
}
