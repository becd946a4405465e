using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Iptables;

/// <summary>
/// Reads an <c>iptables -L [-n] [-v] [--line-numbers]</c> listing (formats.md §3.1): "Chain NAME (policy P …)" or
/// "Chain NAME (N references)" blocks, a column header, one rule per line. Format detection does not send such
/// a file here (it is not iptables-save output); it is read when the format is named.
/// <para>
/// Each rule's columns and the match text after them (<c>tcp dpt:22</c>, <c>multiport dports 80,443</c>,
/// <c>state NEW</c>, <c>icmptype 8</c> …) are turned back into the iptables options they print, so the same
/// <see cref="IptablesRuleParser"/> decides what they mean. Match text this reader does not recognise is an
/// opaque condition "listing text" (RuleMayMatch); a target's own text (<c>reject-with …</c>, <c>LOG flags …</c>)
/// is skipped. The listing does not name its table: it is the one whose built-in chains are the listed chains
/// with a policy (filter first). Without <c>-v</c> the listing has no interface columns, so every rule gets an
/// "interface" condition (an <c>-i lo</c> rule would otherwise read as matching everything), reported once at
/// the first header.
/// </para>
/// </summary>
internal static partial class IptablesListingReader
{
    /// <summary>The word each target's own text starts with, as the target prints it after the matches.</summary>
    private static readonly FrozenDictionary<string, string> TargetTextStarts = new Dictionary<string, string>
    {
        ["REJECT"] = "reject-with", ["LOG"] = "LOG", ["ULOG"] = "ULOG", ["NFLOG"] = "nflog", ["DNAT"] = "to:", ["SNAT"] = "to:",
        ["MASQUERADE"] = "masq", ["REDIRECT"] = "redir", ["MARK"] = "MARK", ["CONNMARK"] = "CONNMARK", ["TCPMSS"] = "TCPMSS", ["CT"] = "CT",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly string[] TcpFlagNames = ["FIN", "SYN", "RST", "PSH", "ACK", "URG"];

    [GeneratedRegex(@"^Chain (?<name>\S+) \((?:policy (?<policy>\S+)(?: .*)?|(?<references>\d+) references)\)\s*$")]
    private static partial Regex ChainHeader();

    public static bool IsListing(string[] lines)
    {
        var first = lines.FirstOrDefault(line => line.Trim().Length > 0);
        return first is not null && ChainHeader().IsMatch(first.Trim());
    }

    private sealed record Layout(bool Numbers, bool Counters, bool Interfaces);

    public static RuleSet Read(string[] lines, string file)
    {
        var headers = lines.Select((line, index) => (Match: ChainHeader().Match(line.Trim()), Line: index + 1)).Where(h => h.Match.Success).ToList();
        var withPolicy = headers.Where(h => h.Match.Groups["policy"].Success).Select(h => h.Match.Groups["name"].Value).ToList();
        var tableName = new[] { "filter", "nat", "mangle", "raw", "security" }
            .FirstOrDefault(candidate => withPolicy.All(chain => IptablesTable.IsBuiltIn(candidate, chain)))
            ?? throw new InputException(new SourceLocation(file, headers[0].Line, 1),
                Messages.Format("IptListNotOneTable", Listed(withPolicy)));
        var table = new IptablesTable(tableName, new SourceLocation(file, headers[0].Line, 1), ipv6: false);
        var notUnderstood = new List<NotUnderstood>();
        foreach (var (match, line) in headers)
        {
            var name = match.Groups["name"].Value;
            var location = new SourceLocation(file, line, 7);
            if (table.Find(name) is not null) throw new InputException(location, Messages.Format("IptListChainTwice", InputEcho.Escape(name)));
            RuleVerdict? policy = null;
            if (match.Groups["policy"].Success)
            {
                policy = match.Groups["policy"].Value switch
                {
                    "ACCEPT" => RuleVerdict.Permit,
                    "DROP" => RuleVerdict.Deny,
                    var other => throw new InputException(new SourceLocation(file, line, match.Groups["policy"].Index + 1), Messages.Format("IptBadChainPolicy", InputEcho.Escape(other))),
                };
            }
            else if (table.IsBuiltIn(name))
            {
                throw new InputException(location, Messages.Format("IptListBuiltInWithoutPolicy", InputEcho.Escape(name)));
            }
            table.Declare(name, policy, location);
        }

        IptablesChain? chain = null;
        Layout? layout = null;
        var budget = new ExpansionBudget();
        var interfacesMissingReported = false;
        for (var index = 0; index < lines.Length; index++)
        {
            var number = index + 1;
            var line = lines[index];
            var content = line.Trim();
            if (content.Length == 0) continue;
            // As in iptables-save text: a control character is never part of a listing, and would reach the terminal in a name.
            for (var column = 0; column < line.Length; column++)
            {
                if (char.IsControl(line[column]) && line[column] != '\t')
                {
                    throw new InputException(new SourceLocation(file, number, column + 1), Messages.Format("IptListControlCharacter", (int)line[column]));
                }
            }
            if (ChainHeader().Match(content) is { Success: true } header)
            {
                chain = table.Find(header.Groups["name"].Value);
                layout = null;
                continue;
            }
            var tokens = IptablesTokenizer.Split(line, file, number);
            if (chain is null) throw new InputException(new SourceLocation(file, number, tokens[0].Column), Messages.Format("IptListLineBeforeChain"));
            if (layout is null)
            {
                layout = ReadLayout(tokens, file, number);
                if (!layout.Interfaces && !interfacesMissingReported)
                {
                    interfacesMissingReported = true;
                    notUnderstood.Add(new NotUnderstood(new SourceLocation(file, number, tokens[0].Column), "interface",
                        "a listing without -v does not show interfaces: every rule may be limited to one", NotUnderstoodEffect.RuleMayMatch));
                }
                continue;
            }
            var rule = Rule(file, number, line, tokens, layout, budget);
            notUnderstood.AddRange(rule.NotUnderstood);
            chain.Rules.Add(rule);
        }
        var chains = table.Commit(file, notUnderstood).ToImmutableArray();
        return new RuleSet(RuleSetFormat.Iptables, file, PolicySemantics.OrderedAcl, chains, [], [],
            [.. notUnderstood.OrderBy(n => n.Location.Line).ThenBy(n => n.Location.Column)]);
    }

    /// <summary>Names for a message: escaped, and no more than a few (a damaged file may list thousands).</summary>
    private static string Listed(List<string> names)
    {
        const int shown = 5;
        var text = string.Join(", ", names.Take(shown).Select(name => InputEcho.Escape(name)));
        return names.Count > shown ? Messages.Format("IptListedAndMore", text, names.Count - shown) : text;
    }

    private static Layout ReadLayout(List<IptablesToken> tokens, string file, int number)
    {
        var words = tokens.Select(t => t.Text).ToList();
        if (!words.Contains("target") || !words.Contains("prot") || !words.Contains("source") || !words.Contains("destination"))
        {
            throw new InputException(new SourceLocation(file, number, tokens[0].Column), Messages.Format("IptListExpectedHeader"));
        }
        return new Layout(words[0] == "num", words.Contains("pkts"), words.Contains("in") && words.Contains("out"));
    }

    private static ParsedRule Rule(string file, int number, string line, List<IptablesToken> tokens, Layout layout, ExpansionBudget budget)
    {
        var index = (layout.Numbers ? 1 : 0) + (layout.Counters ? 2 : 0);
        var minimum = index + 4 + (layout.Interfaces ? 2 : 0);
        if (tokens.Count < minimum) throw new InputException(new SourceLocation(file, number, tokens[^1].Column), Messages.Format("IptListTooFewColumns"));
        IptablesToken? target = null;
        if (!IsOptColumn(tokens[index + 1].Text))
        {
            if (!IsOptColumn(tokens[index + 2].Text)) throw new InputException(new SourceLocation(file, number, tokens[index].Column), Messages.Format("IptListExpectedTargetColumns"));
            target = tokens[index++];
            if (tokens.Count < minimum + 1) throw new InputException(new SourceLocation(file, number, tokens[^1].Column), Messages.Format("IptListTooFewColumns"));
        }
        var options = new List<IptablesToken>();
        var protocol = tokens[index++];
        if (protocol.Text != "all") Negatable(options, "-p", protocol);
        var fragment = tokens[index++];
        if (fragment.Text != "--") Negatable(options, "-f", fragment with { Text = fragment.Text[0] == '!' ? "!" : "" }, valueless: true);
        if (layout.Interfaces)
        {
            foreach (var option in new[] { "-i", "-o" })
            {
                var value = tokens[index++];
                if (value.Text != "*") Negatable(options, option, value);
            }
        }
        foreach (var option in new[] { "-s", "-d" })
        {
            var value = tokens[index++];
            if (value.Text is not ("0.0.0.0/0" or "anywhere" or "::/0")) Negatable(options, option, value);
        }
        var isGoto = false;
        var rest = Matches(tokens, index, options, ref isGoto);
        if (target is { } named)
        {
            options.Add(named with { Text = isGoto ? "-g" : "-j", Quoted = false });
            options.Add(named);
        }
        var parsed = IptablesRuleParser.Parse(file, number, line.TrimEnd(), options, 0, ipv6Table: false, budget);
        if (!layout.Interfaces) parsed = parsed with { Opaque = parsed.Opaque.Add(new OpaqueCondition("interface", "not shown by iptables -L without -v")) };
        if (rest < tokens.Count && !IsTargetText(target?.Text, tokens[rest].Text))
        {
            var text = string.Join(' ', tokens.Skip(rest).Select(t => t.Text));
            var at = new SourceLocation(file, number, tokens[rest].Column);
            parsed = parsed with
            {
                Opaque = parsed.Opaque.Add(new OpaqueCondition("listing text", text)),
                NotUnderstood = parsed.NotUnderstood.Add(new NotUnderstood(at, "listing text", text, NotUnderstoodEffect.RuleMayMatch)),
            };
        }
        return parsed;
    }

    /// <summary>
    /// Turns the match text libxtables prints back into options, as far as it is recognised; returns where the
    /// unrecognised rest (the target's text, or a match this reader does not know) begins.
    /// </summary>
    private static int Matches(List<IptablesToken> tokens, int index, List<IptablesToken> options, ref bool isGoto)
    {
        while (index < tokens.Count)
        {
            var token = tokens[index];
            var negated = token.Text == "!";
            var at = negated ? index + 1 : index;
            if (at >= tokens.Count) return index;
            var keyword = tokens[at];
            switch (keyword.Text)
            {
                case "[goto]" when !negated:
                    isGoto = true;
                    index++;
                    continue;
                case "/*" when !negated:
                    var end = tokens.FindIndex(at, t => t.Text == "*/");
                    if (end < 0) return index;
                    index = end + 1;
                    continue;
                case "tcp" or "udp" or "sctp" or "dccp" or "udplite" when !negated:
                    index = PortAttributes(tokens, at, options);
                    continue;
                case "multiport" when at + 2 < tokens.Count && tokens[at + 1].Text is "dports" or "sports" or "ports":
                {
                    options.Add(Option(keyword, "-m"));
                    options.Add(Option(keyword, "multiport"));
                    var list = tokens[at + 2];
                    var listNegated = list.Text == "!";
                    if (listNegated && at + 3 >= tokens.Count) return index;
                    if (listNegated) list = tokens[at + 3];
                    if (negated || listNegated) options.Add(Option(keyword, "!"));
                    options.Add(Option(tokens[at + 1], "--" + tokens[at + 1].Text));
                    options.Add(list);
                    index = at + (listNegated ? 4 : 3);
                    continue;
                }
                case "state" or "ctstate" when at + 1 < tokens.Count:
                    options.Add(Option(keyword, "-m"));
                    options.Add(Option(keyword, keyword.Text == "state" ? "state" : "conntrack"));
                    if (negated) options.Add(Option(keyword, "!"));
                    options.Add(Option(keyword, "--" + keyword.Text));
                    options.Add(tokens[at + 1]);
                    index = at + 2;
                    continue;
                case "icmptype" or "ipv6-icmptype" when at + 1 < tokens.Count:
                    var type = tokens[at + 1].Text;
                    index = at + 2;
                    if (index + 1 < tokens.Count && tokens[index].Text == "code")
                    {
                        type += "/" + tokens[index + 1].Text;
                        index += 2;
                    }
                    options.Add(Option(keyword, "-m"));
                    options.Add(Option(keyword, "icmp"));
                    if (negated) options.Add(Option(keyword, "!"));
                    options.Add(Option(keyword, "--icmp-type"));
                    options.Add(tokens[at + 1] with { Text = type });
                    continue;
                default:
                    return index;
            }
        }
        return index;
    }

    /// <summary><c>tcp spt:53 dpts:1024:65535 flags:0x17/0x02</c>; a <c>!</c> follows the colon when negated.</summary>
    private static int PortAttributes(List<IptablesToken> tokens, int at, List<IptablesToken> options)
    {
        var module = tokens[at];
        options.Add(Option(module, "-m"));
        options.Add(Option(module, module.Text));
        var index = at + 1;
        while (index < tokens.Count)
        {
            var token = tokens[index];
            var colon = token.Text.IndexOf(':');
            if (colon < 0) break;
            var key = token.Text[..colon];
            var value = token.Text[(colon + 1)..];
            var negated = value.StartsWith('!');
            if (negated) value = value[1..];
            string option;
            switch (key)
            {
                case "spt" or "spts":
                    option = "--sport";
                    break;
                case "dpt" or "dpts":
                    option = "--dport";
                    break;
                case "flags" when module.Text == "tcp":
                    var slash = value.IndexOf('/');
                    if (slash < 0 || !TryHex(value[..slash], out var mask) || !TryHex(value[(slash + 1)..], out var compared)) return index;
                    if (negated) options.Add(Option(token, "!"));
                    options.Add(Option(token, "--tcp-flags"));
                    options.Add(Option(token, FlagNames(mask)));
                    options.Add(Option(token, FlagNames(compared)));
                    index++;
                    continue;
                default:
                    return index;
            }
            if (negated) options.Add(Option(token, "!"));
            options.Add(Option(token, option));
            options.Add(Option(token, value));
            index++;
        }
        return index;
    }

    private static bool TryHex(string text, out int value) =>
        int.TryParse(text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);

    private static string FlagNames(int bits)
    {
        var names = TcpFlagNames.Where((_, bit) => (bits & (1 << bit)) != 0).ToList();
        return names.Count == 0 ? "NONE" : string.Join(',', names);
    }

    private static bool IsTargetText(string? target, string word) =>
        target is not null && TargetTextStarts.TryGetValue(target, out var start) && word.StartsWith(start, StringComparison.Ordinal);

    /// <summary>The <c>opt</c> column: <c>--</c>, or <c>-f</c> / <c>!f</c> for fragments.</summary>
    private static bool IsOptColumn(string text) => text is "--" or "-f" or "!f";

    /// <summary>A column value, with the <c>!</c> the listing glues to its front turned back into <c>! -x value</c>.</summary>
    private static void Negatable(List<IptablesToken> options, string option, IptablesToken value, bool valueless = false)
    {
        var negated = value.Text.StartsWith('!');
        if (negated) options.Add(Option(value, "!"));
        options.Add(Option(value, option));
        if (!valueless) options.Add(value with { Text = negated ? value.Text[1..] : value.Text });
    }

    private static IptablesToken Option(IptablesToken at, string text) => new(text, at.Column, Quoted: false);
}
