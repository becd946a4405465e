using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// Reads English <c>netsh advfirewall firewall show rule name=all [verbose]</c> output (formats.md §1.5): blocks
/// opened by <c>Rule Name:</c> and a line of dashes, <c>Label: value</c> lines, ICMP type/code rows indented under
/// <c>Protocol:</c>, blank lines between blocks, <c>Ok.</c> at the end (its absence means the text is cut short).
/// Each label is turned into the rule grammar's keys and read by <see cref="RuleInterpreter"/>, leniently: a
/// value or label it does not know (netsh words are not the grammar's) is NotUnderstood RuleMayMatch, not an error.
/// <para>
/// Labels: Enabled (Yes/No), Direction, Profiles, LocalIP/RemoteIP (Any, addresses, ranges, subnets, keywords
/// such as LocalSubnet or Intranet), Protocol (TCP, UDP, ICMPv4, ICMPv6, Any, a number), LocalPort/RemotePort
/// (Any, ports, ranges, keywords: RPC, RPC-EPMap, IPHTTPS, Teredo, PlayToDiscovery …), Program, Service,
/// InterfaceTypes, Security (verbose) and Action; Rule Name is the ID (with <c>#n</c> when names repeat: they are
/// not unique). Description, Grouping, Edge traversal and Rule source do not change what a rule matches and are
/// ignored. Other languages are refused with a clear message (the labels are translated), and so is text that
/// is not netsh output. The chain is named "active": netsh shows the rules in force, from every store.
/// </para>
/// </summary>
internal static partial class NetshRuleReader
{
    private static readonly string RuleNameLabel = WindowsRuleFields.Key(RuleKeys.Name).NetshShow!.Name + ":";
    private static readonly string EnabledLabel = WindowsRuleFields.Key(RuleKeys.Active).NetshShow!.Name;
    private static readonly string ProtocolLabel = WindowsRuleFields.Key(RuleKeys.Protocol).NetshShow!.Name;
    private static readonly string IcmpLabel = WindowsRuleFields.Key(RuleKeys.Icmp4).NetshShow!.Name;

    private sealed record Entry(string Label, string Value, int Line, int LabelColumn, int ValueColumn);

    public static RuleSet Read(byte[] bytes, string file, PortSet? rpcDynamicPorts = null)
    {
        var lines = Decode(bytes, file).Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        LineLimit.Check(lines, file);
        var i = 0;
        while (i < lines.Length && lines[i].Trim().Length == 0) i++;
        if (i == lines.Length) throw new InputException(new SourceLocation(file, 1, 1), Messages.Format("NetshEmptyOutput"));
        var notUnderstood = new List<NotUnderstood>();
        var blocks = new List<(string Name, SourceLocation Location, List<Entry> Entries)>();
        if (lines[i].Trim() != "No rules match the specified criteria.")
        {
            if (!lines[i].StartsWith(RuleNameLabel, StringComparison.Ordinal))
            {
                throw new InputException(new SourceLocation(file, i + 1, 1), NotNetshMessage(lines[i]));
            }
            var sawOk = false;
            while (i < lines.Length)
            {
                var line = lines[i];
                if (line.Trim().Length == 0)
                {
                    i++;
                    continue;
                }
                if (sawOk) throw new InputException(new SourceLocation(file, i + 1, 1), Messages.Format("NetshTextAfterOk"));
                if (line.Trim() == "Ok.")
                {
                    sawOk = true;
                    i++;
                    continue;
                }
                if (!line.StartsWith(RuleNameLabel, StringComparison.Ordinal))
                {
                    throw new InputException(new SourceLocation(file, i + 1, 1), Messages.Format("NetshExpectedRuleName", InputEcho.Escape(line.Trim())));
                }
                blocks.Add(ReadBlock(lines, ref i, file));
            }
            if (!sawOk)
            {
                throw new InputException(new SourceLocation(file, lines.Length, 1), Messages.Format("NetshNoFinalOk"));
            }
        }
        var ids = RuleIds.Numbered([.. blocks.Select(b => b.Name)]);
        var rules = ImmutableArray.CreateBuilder<ImportedRule>();
        for (var index = 0; index < blocks.Count; index++)
        {
            var block = blocks[index];
            rules.Add(RuleInterpreter.Interpret(ToDefinition(ids[index], block.Name, block.Location, block.Entries, file), notUnderstood, rpcDynamicPorts));
        }
        var chainLocation = blocks.Count > 0 ? blocks[0].Location : new SourceLocation(file, 1, 1);
        var chain = new RuleChain("active", null, ChainKind.WindowsRules, null, 0, null, rules.ToImmutable(), chainLocation);
        return new RuleSet(RuleSetFormat.WindowsNetsh, file, PolicySemantics.WindowsFirewall, [chain], [], [],
            [.. notUnderstood.OrderBy(n => n.Location.Line).ThenBy(n => n.Location.Column)]);
    }

    private static (string Name, SourceLocation Location, List<Entry> Entries) ReadBlock(string[] lines, ref int i, string file)
    {
        var location = new SourceLocation(file, i + 1, 1);
        var name = lines[i][RuleNameLabel.Length..].Trim();
        i++;
        if (i >= lines.Length || lines[i].Trim().Length < 10 || lines[i].Trim().Any(c => c != '-'))
        {
            throw new InputException(new SourceLocation(file, Math.Min(i + 1, lines.Length), 1), Messages.Format("NetshExpectedDashes", InputEcho.Escape(RuleNameLabel + " " + name)));
        }
        i++;
        var entries = new List<Entry>();
        while (i < lines.Length && lines[i].Trim().Length > 0 && lines[i].Trim() != "Ok." && !lines[i].StartsWith(RuleNameLabel, StringComparison.Ordinal))
        {
            var line = lines[i];
            var lineNumber = i + 1;
            i++;
            if (char.IsWhiteSpace(line[0]))
            {
                var column = line.Length - line.TrimStart().Length + 1;
                if (entries.Count == 0 || (entries[^1].Label != ProtocolLabel && entries[^1].Label != IcmpLabel))
                {
                    throw new InputException(new SourceLocation(file, lineNumber, column), Messages.Format("NetshUnexpectedIndented", InputEcho.Escape(line.Trim()), InputEcho.Escape(name)));
                }
                var cells = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (cells is ["Type", "Code"]) continue;
                if (cells.Length != 2) throw new InputException(new SourceLocation(file, lineNumber, column), Messages.Format("NetshExpectedIcmpRow", InputEcho.Escape(name)));
                entries.Add(new Entry(IcmpLabel, $"{cells[0]}:{cells[1]}", lineNumber, column, column));
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0) throw new InputException(new SourceLocation(file, lineNumber, 1), Messages.Format("NetshExpectedLabel", InputEcho.Escape(name), InputEcho.Escape(line.Trim())));
            var valueStart = colon + 1;
            while (valueStart < line.Length && char.IsWhiteSpace(line[valueStart])) valueStart++;
            entries.Add(new Entry(line[..colon].Trim(), line[valueStart..].Trim(), lineNumber, 1, valueStart + 1));
        }
        return (name, location, entries);
    }

    private static RuleDefinition ToDefinition(string id, string name, SourceLocation location, List<Entry> entries, string file)
    {
        var fields = ImmutableArray.CreateBuilder<RuleField>();
        var protocol = entries.LastOrDefault(e => e.Label == ProtocolLabel)?.Value;
        if (!entries.Any(e => e.Label == EnabledLabel)) throw new InputException(location, Messages.Format("NetshNoEnabledLine", InputEcho.Escape(id), EnabledLabel));
        foreach (var entry in entries)
        {
            var labelLocation = new SourceLocation(file, entry.Line, entry.LabelColumn);
            void Add(string key, string value, int offset = 0) =>
                fields.Add(new RuleField(key, value, labelLocation, index => new SourceLocation(file, entry.Line, entry.ValueColumn + offset + index)));
            void AddEach(Func<string, (string Key, string Value)> map)
            {
                foreach (var (token, offset) in WindowsValueWords.CommaList(entry.Value))
                {
                    var (key, value) = map(token);
                    Add(key, value, offset);
                }
            }
            var any = entry.Value.Equals("Any", StringComparison.OrdinalIgnoreCase);
            if (WindowsRuleFields.FromNetshShow(entry.Label) is not { NetshShow: { } spelling } field)
            {
                // "Rule source" says which store the rule is in, not what it matches. Another label: the lenient
                // interpreter reports it as an unknown key, and the rule may match.
                if (entry.Label != "Rule source" && !any && entry.Value.Length > 0) Add(entry.Label, entry.Value);
                continue;
            }
            if (any && spelling.AnyIsNoCondition && spelling.Form != ValueForm.Own) continue;
            switch (spelling.Form)
            {
                case ValueForm.Verbatim:
                    Add(field.Key, entry.Value);
                    break;
                case ValueForm.List:
                    AddEach(p => (field.Key, p));
                    break;
                case ValueForm.LocalAddresses or ValueForm.RemoteAddresses:
                    AddEach(a => WindowsValueWords.Address(a, remote: spelling.Form == ValueForm.RemoteAddresses));
                    break;
                case ValueForm.LocalPorts or ValueForm.RemotePorts:
                    AddEach(p => WindowsValueWords.Port(p, local: spelling.Form == ValueForm.LocalPorts));
                    break;
                case ValueForm.Protocol:
                    Add(field.Key, WindowsValueWords.Protocol(entry.Value));
                    break;
                case ValueForm.Own when field.Key == RuleKeys.Active:
                    Add(field.Key, entry.Value switch
                    {
                        "Yes" => "TRUE",
                        "No" => "FALSE",
                        _ => throw new InputException(new SourceLocation(file, entry.Line, entry.ValueColumn), Messages.Format("NetshBadEnabled", InputEcho.Escape(entry.Value), InputEcho.Escape(id))),
                    });
                    break;
                case ValueForm.Own when field.Key == RuleKeys.Icmp4:
                    var icmpKey = protocol?.Equals("ICMPv6", StringComparison.OrdinalIgnoreCase) == true || protocol == "58" ? RuleKeys.Icmp6 : RuleKeys.Icmp4;
                    var parts = entry.Value.Split(':');
                    if (!parts[0].Equals("Any", StringComparison.OrdinalIgnoreCase))
                    {
                        fields.Add(new RuleField(icmpKey, $"{parts[0]}:{(parts[1].Equals("Any", StringComparison.OrdinalIgnoreCase) ? "*" : parts[1])}",
                            labelLocation, index => new SourceLocation(file, entry.Line, entry.ValueColumn + index)));
                    }
                    break;
                case ValueForm.Own when field.Key == RuleKeys.Security:
                    if (!entry.Value.Equals("NotRequired", StringComparison.OrdinalIgnoreCase)) Add(field.Key, entry.Value);
                    break;
            }
        }
        var text = string.Join("; ", entries.Select(e => $"{e.Label}: {e.Value}").Prepend($"{RuleNameLabel} {name}"));
        return new RuleDefinition(id, location, text, RuleSchemaVersion.Newest, Lenient: true, fields.ToImmutable());
    }

    private static string Decode(byte[] bytes, string file)
    {
        try
        {
            return TextDecoding.Utf8(bytes, file);
        }
        catch (InputException)
        {
            // cmd redirects netsh output in the OEM code page; only rule names can hold non-ASCII, the keywords never do.
            return (CodePagesEncodingProvider.Instance.GetEncoding(437) ?? Encoding.Latin1).GetString(bytes);
        }
    }

    private static string NotNetshMessage(string line)
    {
        var match = LocalisedLabel().Match(line);
        return match.Success
            ? Messages.Format("NetshNotEnglish", InputEcho.Escape(match.Groups[1].Value + ":"))
            : Messages.Format("NetshNotNetsh", InputEcho.Escape(line.Trim()));
    }

    [GeneratedRegex(@"^(\p{L}[\p{L} .\-]{0,40}?):\s")]
    private static partial Regex LocalisedLabel();
}
