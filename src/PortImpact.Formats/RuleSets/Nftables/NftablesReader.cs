using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;

namespace PortImpact.Formats.RuleSets.Nftables;

/// <summary>
/// Reads an nftables ruleset — <c>nft list ruleset</c> output or an <c>nft -f</c> script such as
/// <c>/etc/nftables.conf</c> (../shared/research/formats.md §3.3) — into ordered chains.
/// <para>
/// Chains: a chain with <c>type … hook … priority …</c> is a base chain with its hook, its priority (named
/// priorities resolved per family, <c>filter + 10</c> computed) and its policy (accept when none is written,
/// as in nft); any other chain is entered by <c>jump</c>/<c>goto</c> only. <see cref="RuleChain.Table"/> is
/// <c>FAMILY NAME</c>. nft evaluates every base chain on a hook in priority order — an accept ends only its
/// own chain, a drop is final — so priorities are recorded as written and the order is left to evaluation.
/// Chains of <c>type nat</c> are base chains like the others; their translation rules are listed as skipped.
/// </para>
/// <para>
/// IPv4 only, like the engine: <c>ip6</c> and <c>arp</c> tables never see an IPv4 packet and are listed as
/// skipped, once per table, with no chains; in <c>inet</c>, <c>bridge</c> and <c>netdev</c> tables the rules
/// that can only match IPv6 (or ARP) are listed as skipped and give no rule. A <c>flags dormant</c> table is
/// loaded but not evaluated: skipped likewise. Named objects (counters, quotas, limits, ct helpers,
/// synproxies, flowtables) are listed as skipped: they count, shape or offload, and a rule that uses one as a
/// condition (<c>quota name …</c>, <c>limit name …</c>) carries an opaque condition instead.
/// A base chain bound to a device (<c>device eth0</c>) sees that device's traffic only, which a chain cannot
/// say: it is listed as leaving the chain uncertain.
/// </para>
/// <para>
/// Grammar and value errors nft itself would refuse are bad input: unbalanced braces (a truncated file), an
/// unknown top-level or table keyword, an undefined <c>$variable</c> or <c>@set</c>, a jump to a chain the
/// table lacks, a port above 65535, an unknown protocol, state or service name, control characters.
/// </para>
/// <para>
/// A hostile file is refused with a location, never by exhausting the process: lines, nesting and expansion
/// are bounded by <see cref="InputLimits"/>, and every reading step is linear in the file (chains and tables
/// are found by name through dictionaries, sets are normalised once). Input quoted in a message goes through
/// <see cref="InputEcho"/>; a not-understood entry's construct is shortened to <see cref="InputLimits.MaxEcho"/>
/// characters and its text to <see cref="MaxNoteText"/>, control characters escaped, as are the conditions
/// kept on rules. Loops of jumps, which the kernel refuses, are listed as leaving the chain uncertain.
/// </para>
/// </summary>
public static class NftablesReader
{
    /// <summary>
    /// Characters of a not-understood entry's text, or an opaque condition's: room for a rule as admins write
    /// them, while a rule holding a set of 100,000 addresses is not repeated in every report.
    /// </summary>
    public const int MaxNoteText = 200;

    public static RuleSet Read(string text, string file)
    {
        // A byte order mark left by an editor is not part of the first word.
        if (text.StartsWith('\uFEFF')) text = text[1..];
        var tokens = NftVariables.Expand(NftTokenizer.Tokenize(text, file), file);
        var (ruleset, scriptNotes) = NftScriptParser.Parse(tokens, file, EndOf(text, file));
        var notes = new List<NotUnderstood>(scriptNotes);
        var chains = ImmutableArray.CreateBuilder<RuleChain>();
        var expansion = new NftExpansionCount();
        foreach (var table in ruleset.Tables)
        {
            notes.AddRange(table.Notes);
            // Every rule is parsed, also in tables that are skipped, so that a broken rule is reported wherever it is.
            var parsed = table.Chains.ToDictionary(c => c, c => c.Rules.Select(r => NftRuleParser.Parse(r, file)).ToList());
            if (table.Family is "ip6" or "arp")
            {
                notes.Add(new NotUnderstood(table.Keyword.Location(file), $"table {table.Family}",
                    $"table {table.QualifiedName}: {(table.Family == "ip6" ? "IPv6" : "ARP")} only, never sees an IPv4 packet", NotUnderstoodEffect.Skipped));
                continue;
            }
            if (table.Dormant is { } dormant)
            {
                notes.Add(new NotUnderstood(dormant.Location(file), "flags dormant",
                    $"table {table.QualifiedName} is dormant: no packet goes through its chains", NotUnderstoodEffect.Skipped));
                continue;
            }
            var updated = parsed.Values.SelectMany(rules => rules).SelectMany(r => r.UpdatedSets);
            var dynamicSets = table.Sets.Values.Where(s => s.IsDynamic).Select(s => s.Name).Concat(updated).ToHashSet(StringComparer.Ordinal);
            var builder = new NftRuleBuilder(table, file, dynamicSets, notes, expansion);
            foreach (var chain in table.Chains)
            {
                var rules = ImmutableArray.CreateBuilder<ImportedRule>();
                var number = 0;
                foreach (var rule in parsed[chain])
                {
                    number++;
                    if (rule.Syntax.PositionNote is { } positionNote) notes.Add(positionNote);
                    rules.AddRange(builder.Build(rule, chain.Name, number).Select(Shortened));
                }
                chains.Add(ToChain(table, chain, rules.ToImmutable(), file, notes));
            }
        }
        // The kernel refuses jumps that loop (as iptables-restore does): one finder for both, in the engine's rule-set folder.
        notes.AddRange(JumpCycles.Find(new RuleSet(RuleSetFormat.Nftables, file, PolicySemantics.OrderedAcl, chains.ToImmutable(), [], [], [])));
        var ordered = notes.OrderBy(n => n.Location.Line).ThenBy(n => n.Location.Column).Select(Shortened).ToImmutableArray();
        return new RuleSet(RuleSetFormat.Nftables, file, PolicySemantics.OrderedAcl, chains.ToImmutable(), [], [], ordered);
    }

    private static NotUnderstood Shortened(NotUnderstood note) =>
        note with { Construct = InputEcho.Escape(note.Construct), Text = InputEcho.Escape(note.Text, MaxNoteText) };

    private static ImportedRule Shortened(ImportedRule rule) => rule.Opaque.IsEmpty
        ? rule
        : rule with { Opaque = [.. rule.Opaque.Select(o => new OpaqueCondition(InputEcho.Escape(o.Construct), InputEcho.Escape(o.Text, MaxNoteText)))] };

    private static RuleChain ToChain(NftTableSyntax table, NftChainSyntax chain, ImmutableArray<ImportedRule> rules, string file, List<NotUnderstood> notes)
    {
        var location = chain.Keyword.Location(file);
        if (chain.Base is not { } hooked) return new RuleChain(chain.Name, table.QualifiedName, ChainKind.User, null, 0, null, rules, location);
        if (hooked.DeviceToken is { } device)
        {
            notes.Add(new NotUnderstood(device.UseSite.Location(file), "device",
                $"{device.Text} {hooked.Device}: chain {chain.Name} sees only that traffic", NotUnderstoodEffect.ChainUncertain));
        }
        return new RuleChain(chain.Name, table.QualifiedName, ChainKind.Base, hooked.Hook, hooked.Priority, chain.Policy ?? RuleVerdict.Permit, rules, location)
        {
            Type = hooked.Type,
            SeesIpv4 = table.Family is "ip" or "inet",
        };
    }

    /// <summary>Where the text ends (line and column after the last character), for "the file ends inside …".</summary>
    private static SourceLocation EndOf(string text, string file)
    {
        var line = 1 + text.Count(c => c == '\n');
        var lastNewline = text.LastIndexOf('\n');
        return new SourceLocation(file, line, text.Length - lastNewline);
    }
}
