using System.Globalization;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>How the interpreter reads the values of a rule's fields: protocols, ports, addresses, opaque conditions, platforms, ICMP types.</summary>
internal static partial class RuleInterpreter
{
    private sealed partial class RuleState
    {
        private void ApplyProtocol(RuleField field)
        {
            var value = field.Value;
            if (value.Length > 0 && value.All(char.IsAsciiDigit))
            {
                if (value.Length > 3 || int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture) > 255)
                {
                    throw new InputException(field.ValueLocation, Messages.Format("WfProtocolOutOfRange", InputEcho.Escape(value), InputEcho.Escape(rule.Id)));
                }
                _protocol = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                return;
            }
            // Names are not in the grammar but Windows Service Hardening rules write them (formats.md §1.4).
            int? named = value.ToUpperInvariant() switch
            {
                "TCP" => ProtocolSet.Tcp,
                "UDP" => ProtocolSet.Udp,
                "ICMP" or "ICMPV4" => 1,
                "ICMPV6" => 58,
                _ => null,
            };
            if (named is { } number) _protocol = number;
            else Unrecognised(field, Messages.Format("WfExpectProtocol"), () => _protocolUnknown = true);
        }

        private void ApplyPorts(RuleField field, PortSide side)
        {
            var offset = 0;
            // Commas are not in the grammar but Windows Service Hardening rules write lists that way (formats.md §1.4).
            foreach (var token in field.Value.Split(','))
            {
                var tokenStart = offset;
                var location = field.LocateValue(tokenStart);
                offset += token.Length + 1;
                if (token.Length == 0)
                {
                    throw new InputException(location, Messages.Format("WfEmptyPort", field.Key, InputEcho.Escape(rule.Id)));
                }
                if (char.IsAsciiDigit(token[0]))
                {
                    if (!PortSet.TryParse(token, out var ports, out var error))
                    {
                        throw new InputException(location, Messages.Format("WfValueProblem", InputEcho.Escape(error!, 3 * InputLimits.MaxEcho), field.Key, InputEcho.Escape(rule.Id)));
                    }
                    side.Add(ports);
                }
                else if (WindowsKeywords.TryFindPort(token, out var keyword))
                {
                    if (keyword.Name == WindowsKeywords.Rpc && rpcDynamicPorts is not null) side.Add(rpcDynamicPorts);
                    else if (keyword.Ports is { } resolved) side.Add(resolved);
                    else
                    {
                        _opaque.Add(new OpaqueCondition("port keyword", $"{field.Key}={token}"));
                        side.Widen();
                    }
                }
                else
                {
                    Unrecognised(field with { Value = token, LocateValue = i => field.LocateValue(tokenStart + i) },
                        Messages.Format("WfExpectPort"), side.Widen);
                }
            }
        }

        private void ApplyV4(RuleField field, AddressSide side, bool keywordsAllowed)
        {
            if (keywordsAllowed && WindowsKeywords.IsAddressKeyword(field.Value))
            {
                side.AddV4Keyword(field);
                return;
            }
            if (field.Value.Length > 0 && char.IsAsciiDigit(field.Value[0]))
            {
                if (!WindowsAddressSyntax.TryParseV4(field.Value, out var range, out var error))
                {
                    throw new InputException(field.ValueLocation, Messages.Format("WfValueProblem", error, field.Key, InputEcho.Escape(rule.Id)));
                }
                side.AddV4(range);
                return;
            }
            Unrecognised(field, Messages.Format(keywordsAllowed ? "WfExpectV4OrKeyword" : "WfExpectV4"), () => side.AddV4Keyword(field));
        }

        private void ApplyV6(RuleField field, AddressSide side, bool keywordsAllowed)
        {
            if (keywordsAllowed && WindowsKeywords.IsAddressKeyword(field.Value))
            {
                side.AddV6(field);
                return;
            }
            if (field.Value.Contains(':'))
            {
                if (!WindowsAddressSyntax.IsV6(field.Value))
                {
                    throw new InputException(field.ValueLocation, Messages.Format("WfNotIpv6", InputEcho.Escape(field.Value), field.Key, InputEcho.Escape(rule.Id)));
                }
                side.AddV6(field);
                return;
            }
            Unrecognised(field, Messages.Format(keywordsAllowed ? "WfExpectV6OrKeyword" : "WfExpectV6"), () => side.AddV6(field));
        }

        private void ApplyOpaque(WindowsRuleField spec, RuleField field)
        {
            if (spec.Values is { } allowed && !allowed.Contains(field.Value, StringComparer.OrdinalIgnoreCase))
            {
                Unrecognised(field, Messages.Format("WfExpectValueOf", spec.Key, string.Join(", ", allowed)), () => _opaque.Add(new OpaqueCondition(spec.Construct!, field.Text)));
                return;
            }
            // An empty string (App=) sets nothing in FW_RULE: no condition to narrow the rule.
            if (field.Value.Length == 0) return;
            _opaque.Add(new OpaqueCondition(spec.Construct!, field.Text));
        }

        private void ApplyPlatform(RuleField field)
        {
            var parts = field.Value.Split(':');
            if (parts.Length != 3 || parts.Any(p => p.Length is < 1 or > 3 || !p.All(char.IsAsciiDigit))
                || int.Parse(parts[0], CultureInfo.InvariantCulture) > 7 || parts.Skip(1).Any(p => int.Parse(p, CultureInfo.InvariantCulture) > 255))
            {
                throw new InputException(field.ValueLocation, Messages.Format("WfNotPlatform", InputEcho.Escape(field.Value), InputEcho.Escape(rule.Id)));
            }
            _opaque.Add(new OpaqueCondition("platform", field.Text));
        }

        private void ApplyIcmp(RuleField field)
        {
            var colon = field.Value.IndexOf(':');
            var valid = colon > 0 && IsByte(field.Value[..colon]) && (field.Value[(colon + 1)..] == "*" || IsByte(field.Value[(colon + 1)..]));
            if (!valid)
            {
                throw new InputException(field.ValueLocation, Messages.Format("WfNotIcmpTypeCode", InputEcho.Escape(field.Value), InputEcho.Escape(rule.Id)));
            }
            _icmpFields.Add(field);
            _opaque.Add(new OpaqueCondition("icmp type", field.Text));
        }

        private static bool IsByte(string text) =>
            text.Length is >= 1 and <= 3 && text.All(char.IsAsciiDigit) && int.Parse(text, CultureInfo.InvariantCulture) <= 255;
    }
}
