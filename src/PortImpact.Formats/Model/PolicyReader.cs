using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using YamlDotNet.RepresentationModel;
using PortImpact.Core.Change;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.Model;

/// <summary>
/// Reads the optional baseline <c>policies</c>: ordered ACLs for enforcement points and Windows Defender
/// Firewall policies for host firewalls (<c>host:NAME</c>, <c>hosts</c>, <c>hosts:ROLE</c>). Several
/// entries that reach one host merge, as Group Policy merges firewall rules.
/// </summary>
internal sealed class PolicyReader(ModelReader.Context context)
{
    private static readonly string[] EntryKeys = ["at", "default", "defaultIn", "defaultOut", "rules", "rulesFormat", "acl", "aclIn", "aclOut", "profile"];
    private static readonly string[] RuleKeys = ["action", "protocol", "ports", "from", "to", "direction", "name"];

    public void Read(YamlNode node, Dictionary<string, Policy> pointPolicies)
    {
        var yaml = context.Yaml;
        var what = Messages.Format("PolicyWhatPolicy");
        foreach (var item in yaml.Sequence(node, "policies").Children)
        {
            var keys = yaml.Keys(yaml.Mapping(item, what), what, EntryKeys, ["at"]);
            var at = yaml.Scalar(keys["at"], "at");
            if (keys.TryGetValue("rules", out var fileNode) && fileNode is YamlScalarNode)
            {
                ReadFile(keys, at, pointPolicies);
                continue;
            }
            foreach (var fileOnly in new[] { "rulesFormat", "acl", "aclIn", "aclOut", "profile" })
            {
                if (keys.TryGetValue(fileOnly, out var misplacedNode)) throw yaml.Error(misplacedNode, Messages.Format("PolicyFileOnlyKey", fileOnly));
            }
            var rules = keys.TryGetValue("rules", out var rulesNode)
                ? yaml.Sequence(rulesNode, "rules").Children.Select((r, i) => ReadRule(r, at, i + 1)).ToImmutableArray()
                : [];
            if (OnHosts(at))
            {
                if (keys.TryGetValue("default", out var misplaced)) throw yaml.Error(misplaced, Messages.Format("PolicyHostDefault"));
                var defaultIn = keys.TryGetValue("defaultIn", out var i) ? Action(i) : RuleAction.Deny;
                var defaultOut = keys.TryGetValue("defaultOut", out var o) ? Action(o) : RuleAction.Permit;
                var policy = new Policy(PolicySemantics.WindowsFirewall, rules, defaultIn, defaultOut);
                foreach (var host in HostsAt(at, keys["at"]))
                {
                    if (context.HostPolicies.TryGetValue(host, out var imported) && imported.Imported is not null)
                    {
                        throw yaml.Error(keys["at"], Messages.Format("PolicyHostHasRuleFile", host, imported.Imported.RuleSet.File));
                    }
                    context.HostPolicies[host] = context.HostPolicies.TryGetValue(host, out var earlier)
                        ? new Policy(PolicySemantics.WindowsFirewall, [.. earlier.Rules, .. rules],
                            keys.ContainsKey("defaultIn") ? defaultIn : earlier.DefaultIn,
                            keys.ContainsKey("defaultOut") ? defaultOut : earlier.DefaultOut)
                        : policy;
                }
            }
            else
            {
                if (context.PointOrder.All(p => p.Name != at))
                {
                    throw UnknownPoint(keys["at"], at);
                }
                if (pointPolicies.ContainsKey(at)) throw yaml.Error(keys["at"], Messages.Format("PolicyGivenTwice", at));
                foreach (var key in new[] { "defaultIn", "defaultOut" })
                {
                    if (keys.TryGetValue(key, out var wrong)) throw yaml.Error(wrong, Messages.Format("PolicyPointDefault", key));
                }
                var defaultAction = keys.TryGetValue("default", out var d) ? Action(d) : RuleAction.Permit;
                pointPolicies[at] = new Policy(PolicySemantics.OrderedAcl, rules, defaultAction, defaultAction);
            }
        }
    }

    /// <summary>
    /// <c>rules: FILE</c> in a policies entry: a real rule file for a point, a host, every host (<c>hosts</c>) or
    /// every host of a role (<c>hosts:ROLE</c>, e.g. the GPO all workstations get). The file decides alone.
    /// </summary>
    private void ReadFile(Dictionary<string, YamlNode> keys, string at, Dictionary<string, Policy> pointPolicies)
    {
        var yaml = context.Yaml;
        foreach (var key in new[] { "default", "defaultIn", "defaultOut" })
        {
            if (keys.TryGetValue(key, out var wrong)) throw yaml.Error(wrong, Messages.Format("PolicyFileDefaults", key));
        }
        var onHost = OnHosts(at);
        if (!onHost)
        {
            var policy = Policy.FromRules(RuleFiles.Read(context, keys, onHost));
            if (context.PointOrder.All(p => p.Name != at))
            {
                throw UnknownPoint(keys["at"], at);
            }
            if (pointPolicies.ContainsKey(at) || context.PointRules.ContainsKey(at)) throw yaml.Error(keys["at"], Messages.Format("PolicyGivenTwice", at));
            pointPolicies[at] = policy;
            return;
        }
        // The file is read once per RPC dynamic range among the hosts it applies to: its RPC keyword means each host's own range.
        var perRange = new Dictionary<PortSet, Policy>();
        foreach (var host in HostsAt(at, keys["at"]))
        {
            if (context.HostPolicies.ContainsKey(host))
            {
                throw yaml.Error(keys["at"], Messages.Format("PolicyHostTwice", host));
            }
            var range = context.Hosts[host].RpcDynamicPorts ?? context.RpcDynamicPorts;
            if (!perRange.TryGetValue(range, out var policy)) perRange[range] = policy = Policy.FromRules(RuleFiles.Read(context, keys, onHost, range));
            context.HostPolicies[host] = policy;
        }
        if (perRange.Count == 0) RuleFiles.Read(context, keys, onHost);
    }

    private InputException UnknownPoint(YamlNode node, string at)
    {
        var points = context.PointOrder.Select(p => p.Name).ToList();
        return context.Yaml.Error(node, Messages.Format("PolicyUnknownPoint", at, Suggestions.Hint(at, points), string.Join(", ", points)));
    }

    /// <summary>A policy for host firewalls: <c>hosts</c>, <c>hosts:ROLE</c> or one host's, <c>host:NAME</c>.</summary>
    private static bool OnHosts(string at) => FilterPointId.IsHostKey(at) || Placement.Parse(at) is AtHosts;

    private IEnumerable<string> HostsAt(string at, YamlNode node)
    {
        if (FilterPointId.Parse(at) is { IsHost: true } one)
        {
            if (!context.Hosts.ContainsKey(one.Name)) throw context.Yaml.Error(node, Messages.Format("PolicyUnknownHost", InputEcho.Escape(one.Name)));
            return [one.Name];
        }
        if (Placement.Parse(at) is AtHosts { Role: { } named })
        {
            var role = context.RoleName(named, node);
            return context.Hosts.Values.Where(h => h.HasRole(role)).Select(h => h.Name);
        }
        return context.Hosts.Values.Where(h => context.Places[h.Place].IsSite).Select(h => h.Name);
    }

    private FirewallRule ReadRule(YamlNode node, string at, int number)
    {
        var yaml = context.Yaml;
        var what = Messages.Format("PolicyWhatRule");
        var keys = yaml.Keys(yaml.Mapping(node, what), what, RuleKeys, ["action"]);
        var action = Action(keys["action"]);
        var ports = keys.TryGetValue("ports", out var portsNode) ? context.Ports(portsNode, "ports") : PortSet.All;
        var protocol = keys.TryGetValue("protocol", out var protocolNode) ? yaml.Scalar(protocolNode, "protocol").ToLowerInvariant() : "any";
        var selection = protocol switch
        {
            "tcp" => PortSelection.Of(Transport.Tcp, ports),
            "udp" => PortSelection.Of(Transport.Udp, ports),
            "any" => PortSelection.Both(ports),
            _ => throw yaml.Error(protocolNode!, Messages.Format("PolicyBadProtocol", protocol)),
        };
        var direction = TrafficDirection.Both;
        if (keys.TryGetValue("direction", out var directionNode))
        {
            direction = yaml.Scalar(directionNode, "direction").ToLowerInvariant() switch
            {
                "in" => TrafficDirection.In,
                "out" => TrafficDirection.Out,
                "both" => TrafficDirection.Both,
                var other => throw yaml.Error(directionNode, Messages.Format("PolicyBadDirection", other)),
            };
        }
        var source = keys.TryGetValue("from", out var fromNode) ? Addresses(fromNode) : AddressSet.Any;
        var destination = keys.TryGetValue("to", out var toNode) ? Addresses(toNode) : AddressSet.Any;
        var label = keys.TryGetValue("name", out var nameNode) ? yaml.Scalar(nameNode, "name") : $"{at} rule {number}";
        return new FirewallRule(action, selection, source, destination, direction, label, yaml.At(node));
    }

    private RuleAction Action(YamlNode node)
    {
        var text = context.Yaml.Scalar(node, "action");
        return text.ToLowerInvariant() switch
        {
            "permit" or "allow" => RuleAction.Permit,
            "deny" or "block" => RuleAction.Deny,
            _ => throw context.Yaml.Error(node, Messages.Format("PolicyBadAction", text)),
        };
    }

    private AddressSet Addresses(YamlNode node)
    {
        var result = AddressSet.Empty;
        foreach (var (value, at) in context.Yaml.Scalars(node, Messages.Format("PolicyWhatAddress")))
        {
            result = result.Union(Resolve(value.Trim(), at));
        }
        return result;
    }

    private AddressSet Resolve(string value, YamlNode node)
    {
        if (value.Length == 0) throw context.Yaml.Error(node, Messages.Format("PolicyEmptyAddress"));
        if (value == "any") return AddressSet.Any;
        if (context.Hosts.TryGetValue(value, out var host)) return host.Addresses;
        if (context.Places.TryGetValue(value, out var place))
        {
            if (!place.Subnets.IsEmpty) return place.Subnets;
            if (place.IsSite) throw context.Yaml.Error(node, Messages.Format("PolicySiteWithoutSubnets", value));
            // A zone without subnets (the Internet) is every address no other place claims.
            return AddressSet.From(context.Places.Values.SelectMany(p => p.Subnets.Ranges)).Complement();
        }
        if (char.IsDigit(value[0])) return AddressSet.Of(context.Prefix(value, node));
        throw context.Yaml.Error(node, Messages.Format("PolicyUnknownAddress", value));
    }
}
