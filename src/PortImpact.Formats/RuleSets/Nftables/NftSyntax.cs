using System.Collections.Immutable;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Nftables;

/// <summary>
/// The ruleset as the script leaves it once every command has run (<c>flush</c>, <c>delete</c>, <c>add</c>,
/// <c>insert</c> applied in order), before rules are turned into the neutral vocabulary: tables with their
/// chains, rules kept as tokens, and named sets and maps.
/// </summary>
internal sealed class NftRulesetSyntax
{
    // Found by name at every statement that names a table: a dictionary, so that a script of many tables is read
    // in linear time. The list keeps the order they were declared in; entries deleted since are left in it and
    // skipped, so that deleting stays cheap too.
    private readonly Dictionary<(string Family, string Name), NftTableSyntax> _byName = [];
    private readonly List<NftTableSyntax> _declared = [];

    /// <summary>The tables in the order they were declared.</summary>
    public IEnumerable<NftTableSyntax> Tables => _declared.Where(IsLive);

    public NftTableSyntax? FindTable(string family, string name) => _byName.GetValueOrDefault((family, name));

    public void Add(NftTableSyntax table)
    {
        _byName.Add((table.Family, table.Name), table);
        _declared.Add(table);
    }

    public void Remove(NftTableSyntax table)
    {
        if (IsLive(table)) _byName.Remove((table.Family, table.Name));
    }

    /// <summary><c>flush ruleset [FAMILY]</c>: every table, or those of one family.</summary>
    public void RemoveAll(string? family)
    {
        foreach (var table in Tables.Where(t => family is null || t.Family == family).ToList()) Remove(table);
        if (_byName.Count == 0) _declared.Clear();
    }

    private bool IsLive(NftTableSyntax table) => ReferenceEquals(_byName.GetValueOrDefault((table.Family, table.Name)), table);
}

/// <summary><c>table FAMILY NAME { … }</c>, possibly declared in several places and merged as nft does.</summary>
internal sealed class NftTableSyntax(string family, string name, NftToken keyword)
{
    public string Family { get; } = family;

    public string Name { get; } = name;

    public NftToken Keyword { get; } = keyword;

    /// <summary><c>flags dormant</c>: the table is loaded but no packet goes through its chains.</summary>
    public NftToken? Dormant { get; set; }

    // As the tables: a dictionary to find chains by name (every jump does), a list for their order.
    private readonly Dictionary<string, NftChainSyntax> _chainsByName = new(StringComparer.Ordinal);
    private readonly List<NftChainSyntax> _chainsDeclared = [];

    /// <summary>The chains in the order they were declared.</summary>
    public IEnumerable<NftChainSyntax> Chains => _chainsDeclared.Where(IsLive);

    public Dictionary<string, NftNamedSetSyntax> Sets { get; } = new(StringComparer.Ordinal);

    /// <summary>What the table holds that is not read (named counters, quotas …), dropped with the table.</summary>
    public List<NotUnderstood> Notes { get; } = [];

    /// <summary>What <see cref="RuleChain.Table"/> holds: <c>inet filter</c>.</summary>
    public string QualifiedName => $"{Family} {Name}";

    public NftChainSyntax? FindChain(string name) => _chainsByName.GetValueOrDefault(name);

    public void AddChain(NftChainSyntax chain)
    {
        _chainsByName.Add(chain.Name, chain);
        _chainsDeclared.Add(chain);
    }

    public void RemoveChain(string name) => _chainsByName.Remove(name);

    private bool IsLive(NftChainSyntax chain) => ReferenceEquals(_chainsByName.GetValueOrDefault(chain.Name), chain);
}

/// <summary>A chain; <see cref="Base"/> is set once a <c>type … hook … priority …</c> statement is seen.</summary>
internal sealed class NftChainSyntax(string name, NftToken keyword)
{
    public string Name { get; } = name;

    public NftToken Keyword { get; } = keyword;

    public NftBaseChainSyntax? Base { get; set; }

    /// <summary>A <c>policy</c> statement; only base chains have one.</summary>
    public RuleVerdict? Policy { get; set; }

    public List<NftRuleSyntax> Rules { get; } = [];
}

/// <summary>
/// <c>type filter hook input [device eth0] priority filter</c>. <see cref="Device"/> is the netdev (or inet
/// ingress) device the chain is attached to: the chain sees that device's traffic only.
/// </summary>
internal sealed record NftBaseChainSyntax(string Type, string Hook, int Priority, NftToken Keyword, string? Device, NftToken? DeviceToken);

/// <summary>
/// One rule's tokens (without the statement end), where it starts and its text as written.
/// <see cref="PositionNote"/>: the rule was placed by a <c>handle</c> or <c>position</c> the file cannot resolve.
/// </summary>
internal sealed record NftRuleSyntax(ImmutableArray<NftToken> Tokens, NftToken Start, string Text, NotUnderstood? PositionNote = null);

/// <summary>
/// A named set or map: <c>set NAME { type ipv4_addr; flags interval; elements = { … } }</c> or
/// <c>map NAME { type inet_service : verdict; elements = { 22 : accept } }</c>. <see cref="IsDynamic"/>: its
/// contents change while packets flow (<c>flags dynamic</c>, <c>timeout</c>, or filled by a rule's
/// <c>add @NAME</c>), so the elements in the file are only a snapshot.
/// </summary>
internal sealed class NftNamedSetSyntax(string name, bool isMap, NftToken keyword)
{
    public string Name { get; } = name;

    public bool IsMap { get; } = isMap;

    public NftToken Keyword { get; } = keyword;

    public bool IsDynamic { get; set; }

    /// <summary>The key type words as written after <c>type</c> or <c>typeof</c> (<c>ipv4_addr</c>, <c>inet_service</c>, <c>ip saddr</c> …).</summary>
    public List<string> KeyType { get; } = [];

    public List<NftElementSyntax> Elements { get; } = [];

    public bool IsIpv6 => KeyType.Any(word => word is "ipv6_addr" or "ip6");
}

/// <summary>A value as written in a rule or a set: one word, <c>a . b</c>, <c>{ … }</c> or <c>a, b</c>, or <c>@name</c>.</summary>
internal abstract record NftValueSyntax(NftToken Start)
{
    public abstract string Display { get; }
}

/// <summary>A single word or string: <c>22</c>, <c>10.0.0.0/8</c>, <c>1024-65535</c>, <c>"eth0"</c>, <c>established</c>.</summary>
internal sealed record NftLiteral(NftToken Token) : NftValueSyntax(Token)
{
    public override string Display => Token.Display;
}

/// <summary>A concatenation <c>tcp . 22</c>: one part per concatenated selector.</summary>
internal sealed record NftConcatenation(ImmutableArray<NftValueSyntax> Parts) : NftValueSyntax(Parts[0].Start)
{
    public override string Display => string.Join(" . ", Parts.Select(p => p.Display));
}

/// <summary>An anonymous set <c>{ 22, 80 }</c> or a bare list <c>established,related</c>; nested sets already flattened.</summary>
internal sealed record NftSetValue(NftToken Open, ImmutableArray<NftElementSyntax> Elements, bool Braced) : NftValueSyntax(Open)
{
    public override string Display => Braced
        ? "{ " + string.Join(", ", Elements.Select(e => e.Display)) + " }"
        : string.Join(",", Elements.Select(e => e.Display));
}

/// <summary><c>@name</c>: a named set or map of the same table.</summary>
internal sealed record NftSetReference(NftToken Token) : NftValueSyntax(Token)
{
    public string Name => Token.Text[1..];

    public override string Display => Token.Text;
}

/// <summary>
/// A set or map element: its key, and for a map the data after <c>:</c> kept as tokens (a verdict such as
/// <c>jump web</c>, an address, an object name).
/// </summary>
internal sealed record NftElementSyntax(NftValueSyntax Key, ImmutableArray<NftToken> Data)
{
    public string Display => Data.IsDefaultOrEmpty ? Key.Display : $"{Key.Display} : {string.Join(" ", Data.Select(t => t.Display))}";
}
