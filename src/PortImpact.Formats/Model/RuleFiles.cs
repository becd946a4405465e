using PortImpact.Core.Diagnostics;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.RuleSets;
using YamlDotNet.RepresentationModel;

namespace PortImpact.Formats.Model;

/// <summary>
/// <c>rules: FILE</c> on a link's point or on a host: the real rule file read (path relative to the model
/// file), with <c>rulesFormat</c> when its content does not say, <c>acl</c> for the Cisco access list the
/// point applies, and <c>profile</c> for the Windows network profile a host is in.
/// </summary>
internal static class RuleFiles
{
    /// <param name="rpcDynamicPorts">The host's RPC dynamic range, which a Windows rule's <c>RPC</c> keyword stands for.</param>
    public static ImportedPolicy Read(ModelReader.Context context, Dictionary<string, YamlNode> keys, bool onHost, PortSet? rpcDynamicPorts = null)
    {
        var yaml = context.Yaml;
        var pathNode = keys["rules"];
        var relative = yaml.Scalar(pathNode, "rules");
        if (relative.Trim().Length == 0) throw yaml.Error(pathNode, "rules is empty: give the path of a rule file, or a list of rules");
        var directory = Path.GetDirectoryName(Path.GetFullPath(yaml.File)) ?? ".";
        var path = Path.IsPathRooted(relative) ? relative : Path.Combine(directory, relative);
        RuleSetFormat? format = null;
        if (keys.TryGetValue("rulesFormat", out var formatNode))
        {
            var name = yaml.Scalar(formatNode, "rulesFormat");
            format = RuleFormats.Find(name)?.Format
                ?? throw yaml.Error(formatNode, $"rulesFormat must be one of {string.Join(", ", RuleFormats.Ids)}, not {InputEcho.Quote(name)}");
        }
        if (Directory.Exists(path)) throw yaml.Error(pathNode, $"{path} is a folder, not a rule file");
        if (!File.Exists(path)) throw yaml.Error(pathNode, $"the rule file {path} does not exist");
        var ruleSet = RuleSetReader.ReadFile(path, format, rpcDynamicPorts);

        // Cisco: one list for both ways (acl), or the list for traffic flowing in (toward the link's inside end) and
        // the one for traffic flowing out (aclIn, aclOut); a direction with no list is not filtered here.
        var lists = ruleSet.Chains.Where(c => c.Kind == ChainKind.AccessList).Select(c => c.Name).ToList();
        string? List(string key)
        {
            if (!keys.TryGetValue(key, out var node)) return null;
            if (ruleSet.Format != RuleSetFormat.CiscoIos) throw yaml.Error(node, $"{key} names a Cisco access list, and {path} is not a Cisco configuration");
            var name = yaml.Scalar(node, key);
            return lists.Contains(name) ? name : throw yaml.Error(node, $"{path} has no access list '{name}'; it has: {string.Join(", ", lists)}");
        }
        var both = List("acl");
        var inbound = List("aclIn");
        var outbound = List("aclOut");
        if (both is not null && (inbound is not null || outbound is not null))
        {
            throw yaml.Error(keys.ContainsKey("aclIn") ? keys["aclIn"] : keys["aclOut"], "give acl (both ways) or aclIn/aclOut, not both");
        }
        if (ruleSet.Format == RuleSetFormat.CiscoIos && both is null && inbound is null && outbound is null)
        {
            both = lists.Count == 1 ? lists[0]
                : throw yaml.Error(pathNode, $"{path} has {lists.Count} access lists; say which this point applies with acl: NAME, or aclIn/aclOut ({string.Join(", ", lists)})");
        }
        var profile = FirewallProfile.Domain;
        if (keys.TryGetValue("profile", out var profileNode))
        {
            var text = yaml.Scalar(profileNode, "profile");
            if (!FirewallProfile.TryParse(text, out profile)) throw yaml.Error(profileNode, $"profile must be domain, private or public, not {InputEcho.Quote(text)}");
        }
        if (onHost && ruleSet.Format == RuleSetFormat.CiscoIos) throw yaml.Error(pathNode, "a Cisco configuration filters on a router, not on a host");
        if (!onHost && ruleSet.Semantics == Core.Model.PolicySemantics.WindowsFirewall) throw yaml.Error(pathNode, "Windows Defender Firewall rules belong to a host, not to a point on a link");
        return both is not null
            ? new ImportedPolicy(ruleSet, onHost, both, profile)
            : new ImportedPolicy(ruleSet, onHost, inbound, profile) { AccessListOut = outbound };
    }
}
