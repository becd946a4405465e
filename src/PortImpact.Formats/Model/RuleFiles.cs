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
        if (relative.Trim().Length == 0) throw yaml.Error(pathNode, Messages.Format("RuleFileEmptyPath"));
        var directory = Path.GetDirectoryName(Path.GetFullPath(yaml.File)) ?? ".";
        var path = Path.IsPathRooted(relative) ? relative : Path.Combine(directory, relative);
        RuleSetFormat? format = null;
        if (keys.TryGetValue("rulesFormat", out var formatNode))
        {
            var name = yaml.Scalar(formatNode, "rulesFormat");
            format = RuleFormats.Find(name)?.Format
                ?? throw yaml.Error(formatNode, Messages.Format("RuleFileBadFormat", string.Join(", ", RuleFormats.Ids), InputEcho.Escape(name)));
        }
        if (Directory.Exists(path)) throw yaml.Error(pathNode, Messages.Format("RuleFileIsFolder", path));
        if (!File.Exists(path)) throw yaml.Error(pathNode, Messages.Format("RuleFileMissing", path));
        var ruleSet = RuleSetReader.ReadFile(path, format, rpcDynamicPorts);

        // Cisco: one list for both ways (acl), or the list for traffic flowing in (toward the link's inside end) and
        // the one for traffic flowing out (aclIn, aclOut); a direction with no list is not filtered here.
        var lists = ruleSet.Chains.Where(c => c.Kind == ChainKind.AccessList).Select(c => c.Name).ToList();
        string? List(string key)
        {
            if (!keys.TryGetValue(key, out var node)) return null;
            if (ruleSet.Format != RuleSetFormat.CiscoIos) throw yaml.Error(node, Messages.Format("RuleFileAclNotCisco", key, path));
            var name = yaml.Scalar(node, key);
            return lists.Contains(name) ? name : throw yaml.Error(node, Messages.Format("RuleFileNoSuchAcl", path, name, string.Join(", ", lists)));
        }
        var both = List("acl");
        var inbound = List("aclIn");
        var outbound = List("aclOut");
        if (both is not null && (inbound is not null || outbound is not null))
        {
            throw yaml.Error(keys.ContainsKey("aclIn") ? keys["aclIn"] : keys["aclOut"], Messages.Format("RuleFileAclAndDirections"));
        }
        if (ruleSet.Format == RuleSetFormat.CiscoIos && both is null && inbound is null && outbound is null)
        {
            both = lists.Count == 1 ? lists[0]
                : throw yaml.Error(pathNode, Messages.Format("RuleFileWhichAcl", path, lists.Count, string.Join(", ", lists)));
        }
        var profile = FirewallProfile.Domain;
        if (keys.TryGetValue("profile", out var profileNode))
        {
            var text = yaml.Scalar(profileNode, "profile");
            if (!FirewallProfile.TryParse(text, out profile)) throw yaml.Error(profileNode, Messages.Format("RuleFileBadProfile", InputEcho.Escape(text)));
        }
        if (onHost && ruleSet.Format == RuleSetFormat.CiscoIos) throw yaml.Error(pathNode, Messages.Format("RuleFileCiscoOnHost"));
        if (!onHost && ruleSet.Semantics == Core.Model.PolicySemantics.WindowsFirewall) throw yaml.Error(pathNode, Messages.Format("RuleFileWindowsOnLink"));
        return both is not null
            ? new ImportedPolicy(ruleSet, onHost, both, profile)
            : new ImportedPolicy(ruleSet, onHost, inbound, profile) { AccessListOut = outbound };
    }
}
