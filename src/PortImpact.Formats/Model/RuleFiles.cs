using PortImpact.Core.Diagnostics;
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
    private static readonly Dictionary<string, RuleSetFormat> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["reg"] = RuleSetFormat.WindowsRegistry,
        ["pol"] = RuleSetFormat.WindowsRegistryPol,
        ["gpreport"] = RuleSetFormat.WindowsGpReport,
        ["netsh"] = RuleSetFormat.WindowsNetsh,
        ["powershell"] = RuleSetFormat.WindowsPowerShell,
        ["iptables"] = RuleSetFormat.Iptables,
        ["nft"] = RuleSetFormat.Nftables,
        ["ios"] = RuleSetFormat.CiscoIos,
    };

    public static ImportedPolicy Read(ModelReader.Context context, Dictionary<string, YamlNode> keys, bool onHost)
    {
        var yaml = context.Yaml;
        var pathNode = keys["rules"];
        var relative = yaml.Scalar(pathNode, "rules");
        var directory = Path.GetDirectoryName(Path.GetFullPath(yaml.File)) ?? ".";
        var path = Path.IsPathRooted(relative) ? relative : Path.Combine(directory, relative);
        RuleSetFormat? format = null;
        if (keys.TryGetValue("rulesFormat", out var formatNode))
        {
            var name = yaml.Scalar(formatNode, "rulesFormat");
            format = Formats.TryGetValue(name, out var known) ? known
                : throw yaml.Error(formatNode, $"rulesFormat must be one of {string.Join(", ", Formats.Keys)}, not '{name}'");
        }
        if (!File.Exists(path)) throw yaml.Error(pathNode, $"the rule file {path} does not exist");
        var ruleSet = RuleSetReader.ReadFile(path, format);

        string? accessList = null;
        if (keys.TryGetValue("acl", out var aclNode))
        {
            accessList = yaml.Scalar(aclNode, "acl");
            var lists = ruleSet.Chains.Where(c => c.Kind == ChainKind.AccessList).Select(c => c.Name).ToList();
            if (!lists.Contains(accessList)) throw yaml.Error(aclNode, $"{path} has no access list '{accessList}'; it has: {string.Join(", ", lists)}");
        }
        else if (ruleSet.Format == RuleSetFormat.CiscoIos)
        {
            var lists = ruleSet.Chains.Where(c => c.Kind == ChainKind.AccessList).Select(c => c.Name).ToList();
            accessList = lists.Count == 1 ? lists[0]
                : throw yaml.Error(pathNode, $"{path} has {lists.Count} access lists; say which one this point applies with acl: NAME ({string.Join(", ", lists)})");
        }
        var profile = "Domain";
        if (keys.TryGetValue("profile", out var profileNode))
        {
            var text = yaml.Scalar(profileNode, "profile").ToLowerInvariant();
            profile = text switch
            {
                "domain" => "Domain",
                "private" => "Private",
                "public" => "Public",
                _ => throw yaml.Error(profileNode, $"profile must be domain, private or public, not '{text}'"),
            };
        }
        if (onHost && ruleSet.Format == RuleSetFormat.CiscoIos) throw yaml.Error(pathNode, "a Cisco configuration filters on a router, not on a host");
        if (!onHost && ruleSet.Semantics == Core.Model.PolicySemantics.WindowsFirewall) throw yaml.Error(pathNode, "Windows Defender Firewall rules belong to a host, not to a point on a link");
        return new ImportedPolicy(ruleSet, onHost, accessList, profile);
    }
}
