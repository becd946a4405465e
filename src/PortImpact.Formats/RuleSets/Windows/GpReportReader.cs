using System.Collections.Immutable;
using System.Xml;
using System.Xml.Linq;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// Reads a GPMC <c>gpreport.xml</c> (formats.md §1.1): the Windows Firewall extension's
/// <c>InboundFirewallRules</c>/<c>OutboundFirewallRules</c> elements, whose children are the rule grammar's keys
/// (<c>Version</c> is the schema version, a repeated key is a repeated element, booleans are lower-case) and the
/// <c>DomainProfile</c>/<c>PrivateProfile</c>/<c>PublicProfile</c> settings (each a <c>Value</c> of true/false).
/// Elements are matched by local name, as the namespace prefix (<c>q2:</c>, <c>q3:</c> …) varies.
/// <para>
/// The report carries no rule ID, so a rule's ID is its Name, followed by <c>#n</c> when several rules share it;
/// its text is the rule string rebuilt from the elements. GPMC leaves out some keys of the Registry.pol it
/// reports on — <c>RA42</c>/<c>RA62</c> are absent and <c>RPort2_10</c> ranges appear as <c>RPort</c> — so a
/// rule read here can lack an address-keyword condition the Registry.pol has. <c>GlobalSettings</c> is ignored
/// (policy version, IPsec switches); other firewall elements are NotUnderstood: connection security and IPsec
/// sets Skipped, anything else ChainUncertain.
/// </para>
/// </summary>
internal static class GpReportReader
{
    private static readonly HashSet<string> IgnoredProfileSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "DisableNotifications", "AllowLocalIPsecPolicyMerge", "DisableStealthMode", "DisableStealthModeIPsecSecuredPacketExemption",
        "DisableUnicastResponsesToMulticastBroadcast", "LogFilePath", "LogFileSize", "LogDroppedPackets", "LogSuccessfulConnections",
        "LogIgnoredRules",
    };

    public static RuleSet Read(byte[] bytes, string file, PortSet? rpcDynamicPorts = null)
    {
        var document = Load(bytes, file);
        var containers = document.Descendants().Where(IsFirewallExtension)
            .Concat(document.Descendants().Where(e => IsRuleElement(e) && e.Parent is not null).Select(e => e.Parent!))
            .Distinct().ToList();
        if (containers.Count == 0)
        {
            throw new InputException(new SourceLocation(file, 1, 1), Messages.Format("GpNoFirewall"));
        }
        var notUnderstood = new List<NotUnderstood>();
        var ruleElements = new List<XElement>();
        var profileElements = new Dictionary<string, XElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in containers.SelectMany(c => c.Elements()))
        {
            var name = child.Name.LocalName;
            if (IsRuleElement(child)) ruleElements.Add(child);
            else if (WindowsProfileKeys.Names.Contains(name)) profileElements[name] = child;
            else if (name == "GlobalSettings") continue;
            else if (name.Contains("ConSec", StringComparison.OrdinalIgnoreCase) || name.Contains("ConnectionSecurity", StringComparison.OrdinalIgnoreCase)
                || name.Contains("Phase1", StringComparison.OrdinalIgnoreCase) || name.Contains("Phase2", StringComparison.OrdinalIgnoreCase))
            {
                notUnderstood.Add(new NotUnderstood(At(file, child), name, "connection security (IPsec) settings: they negotiate IPsec, they do not permit or block traffic", NotUnderstoodEffect.Skipped));
            }
            else
            {
                notUnderstood.Add(new NotUnderstood(At(file, child), name, "a Windows Firewall setting PortImpact does not read", NotUnderstoodEffect.ChainUncertain));
            }
        }
        // A rule without a name is named by its position, which is unique already.
        var ids = RuleIds.Numbered([.. ruleElements.Select((e, i) => Child(e, RuleKeys.Name)?.Value is { Length: > 0 } name ? name : $"rule {i + 1}")]);
        var rules = ImmutableArray.CreateBuilder<ImportedRule>();
        for (var i = 0; i < ruleElements.Count; i++)
        {
            rules.Add(RuleInterpreter.Interpret(ToDefinition(ruleElements[i], ids[i], file), notUnderstood, rpcDynamicPorts));
        }
        var chainLocation = ruleElements.Count > 0 ? At(file, ruleElements[0]) : At(file, containers[0]);
        var chain = new RuleChain("gpo", null, ChainKind.WindowsRules, null, 0, null, rules.ToImmutable(), chainLocation);
        return new RuleSet(RuleSetFormat.WindowsGpReport, file, PolicySemantics.WindowsFirewall, [chain], [],
            ReadProfiles(profileElements, file, notUnderstood),
            [.. notUnderstood.OrderBy(n => n.Location.Line).ThenBy(n => n.Location.Column)]);
    }

    private static XDocument Load(byte[] bytes, string file)
    {
        using var stream = new MemoryStream(bytes);
        // No DTD: a report has none, and one could expand entities or reach out for external ones (XXE).
        try
        {
            // Created inside the try: the reader looks at the first bytes for their encoding at once, and a mark it
            // cannot honour (fuzzing: a UTF-32 byte order mark with no text after it) is an XmlException already.
            using var xml = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            using var reader = new NestingLimitedXmlReader(xml, file);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            // The refusal of a DTD carries no line: it is where the document type declaration starts.
            var location = e.LineNumber > 0 ? new SourceLocation(file, e.LineNumber, Math.Max(1, e.LinePosition))
                : DoctypeLocation(bytes, file) ?? new SourceLocation(file, 1, 1);
            // The parser's message quotes names from the file: shown escaped and shortened like any input.
            throw new InputException(location, Messages.Format("GpMalformedXml", InputEcho.Escape(e.Message, 5 * InputLimits.MaxEcho)));
        }
    }

    private static SourceLocation? DoctypeLocation(byte[] bytes, string file)
    {
        var text = TextDecoding.Sniff(bytes);
        var at = text.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
        if (at < 0) return null;
        var lineStart = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        return new SourceLocation(file, 1 + text.AsSpan(0, at).Count('\n'), at - lineStart + 1);
    }

    private static RuleDefinition ToDefinition(XElement element, string id, string file)
    {
        var location = At(file, element);
        var inbound = element.Name.LocalName == "InboundFirewallRules";
        var versionElement = Child(element, "Version")
            ?? throw new InputException(location, Messages.Format("GpNoVersion", InputEcho.Escape(id)));
        if (!RuleSchemaVersion.TryParse(versionElement.Value.Trim(), out var version))
        {
            throw new InputException(At(file, versionElement), Messages.Format("GpBadVersion", InputEcho.Escape(versionElement.Value), InputEcho.Escape(id)));
        }
        var fields = ImmutableArray.CreateBuilder<RuleField>();
        var hasDir = false;
        foreach (var child in element.Elements())
        {
            if (child == versionElement) continue;
            var key = child.Name.LocalName;
            var at = At(file, child);
            if (key == RuleKeys.Dir)
            {
                hasDir = true;
                var expected = inbound ? "In" : "Out";
                if (!child.Value.Equals(expected, StringComparison.OrdinalIgnoreCase))
                {
                    throw new InputException(at, Messages.Format("GpDirMismatch", InputEcho.Escape(child.Value), element.Name.LocalName, expected, InputEcho.Escape(id)));
                }
            }
            fields.Add(new RuleField(key, child.Value, at, _ => at));
        }
        if (!hasDir) fields.Add(new RuleField(RuleKeys.Dir, inbound ? "In" : "Out", location, _ => location));
        var text = $"{version}|" + string.Concat(fields.Select(f => f.Text + "|"));
        return new RuleDefinition(id, location, text, version, version > RuleSchemaVersion.Newest, fields.ToImmutable());
    }

    private static ImmutableArray<WindowsProfile> ReadProfiles(Dictionary<string, XElement> elements, string file, List<NotUnderstood> notUnderstood)
    {
        var profiles = new Dictionary<FirewallProfile, WindowsProfile>();
        // A gpreport shows a Group Policy object's settings: its keys mean what a GPO store's keys mean.
        foreach (var (elementName, profileNames) in WindowsProfileKeys.Read(localStore: false, elements.ContainsKey))
        {
            if (!elements.TryGetValue(elementName, out var element)) continue;
            foreach (var profile in profileNames) profiles[profile] = ReadProfile(profile, element, file, notUnderstood);
        }
        foreach (var (elementName, why) in WindowsProfileKeys.Ignored(localStore: false, elements.ContainsKey))
        {
            if (elements.TryGetValue(elementName, out var ignored)) notUnderstood.Add(new NotUnderstood(At(file, ignored), elementName, why, NotUnderstoodEffect.Skipped));
        }
        return [.. FirewallProfile.All.Where(profiles.ContainsKey).Select(p => profiles[p])];
    }

    private static WindowsProfile ReadProfile(FirewallProfile name, XElement element, string file, List<NotUnderstood> notUnderstood)
    {
        bool? enabled = null, merge = null, blockAll = null;
        RuleAction? inbound = null, outbound = null;
        foreach (var setting in element.Elements())
        {
            var settingName = setting.Name.LocalName;
            var valueElement = Child(setting, "Value") ?? setting;
            bool Flag()
            {
                var text = valueElement.Value.Trim();
                if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1") return true;
                if (text.Equals("false", StringComparison.OrdinalIgnoreCase) || text == "0") return false;
                throw new InputException(At(file, valueElement), Messages.Format("GpProfileNotBoolean", settingName, InputEcho.Escape(text)));
            }
            switch (settingName)
            {
                case "EnableFirewall":
                    enabled = Flag();
                    break;
                // As in the registry, 1 (true) is block: CIS checks "Inbound connections: Block" as DefaultInboundAction true.
                case "DefaultInboundAction":
                    inbound = Flag() ? RuleAction.Deny : RuleAction.Permit;
                    break;
                case "DefaultOutboundAction":
                    outbound = Flag() ? RuleAction.Deny : RuleAction.Permit;
                    break;
                case "AllowLocalPolicyMerge":
                    merge = Flag();
                    break;
                case "DoNotAllowExceptions":
                    blockAll = Flag();
                    break;
                default:
                    if (IgnoredProfileSettings.Contains(settingName)) break;
                    notUnderstood.Add(new NotUnderstood(At(file, setting), $"{element.Name.LocalName} {settingName}",
                        $"{settingName}={valueElement.Value.Trim()}: a profile setting PortImpact does not read", NotUnderstoodEffect.ChainUncertain));
                    break;
            }
        }
        return new WindowsProfile(name, enabled, inbound, outbound, merge, blockAll, At(file, element));
    }

    private static bool IsRuleElement(XElement element) => element.Name.LocalName is "InboundFirewallRules" or "OutboundFirewallRules";

    /// <summary>The extension whose xsi:type is <c>qN:WindowsFirewallSettings</c>.</summary>
    private static bool IsFirewallExtension(XElement element) =>
        element.Attributes().Any(a => a.Name.LocalName == "type" && (a.Value == "WindowsFirewallSettings" || a.Value.EndsWith(":WindowsFirewallSettings", StringComparison.Ordinal)));

    private static XElement? Child(XElement element, string localName) => element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    /// <summary>Where an element starts: line info points at its name, one column after the '&lt;'.</summary>
    private static SourceLocation At(string file, XObject node)
    {
        var info = (IXmlLineInfo)node;
        return info.HasLineInfo() ? new SourceLocation(file, info.LineNumber, Math.Max(1, info.LinePosition - 1)) : new SourceLocation(file, 1, 1);
    }
}
