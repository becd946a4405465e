using System.Collections.Frozen;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Iptables;

/// <summary>What a built-in target (an extension named after <c>-j</c>, not a chain) does to the chain walk.</summary>
internal enum TargetKind
{
    /// <summary>ACCEPT: ends this table's chain walk and lets the packet on.</summary>
    Accept,
    /// <summary>DROP, REJECT, TARPIT: the packet is discarded.</summary>
    Deny,
    /// <summary>RETURN: back to the calling chain, or the policy at a built-in chain.</summary>
    Return,
    /// <summary>LOG, MARK, TCPMSS …: acts on the packet and goes on with the next rule.</summary>
    Continue,
    /// <summary>SNAT, MASQUERADE: rewrites the source after filtering has decided; ends the nat chain like ACCEPT.</summary>
    SourceNat,
    /// <summary>DNAT, REDIRECT, NETMAP: rewrites the destination before the filter table sees it; ends the nat chain like ACCEPT.</summary>
    DestinationNat,
    /// <summary>CT, NOTRACK: changes connection tracking (an untracked packet is not in state NEW) and goes on.</summary>
    ConnectionTracking,
    /// <summary>QUEUE, NFQUEUE: a user-space program decides the verdict.</summary>
    Queue,
}

internal static class IptablesTargets
{
    private static readonly FrozenDictionary<string, TargetKind> Kinds = new Dictionary<string, TargetKind>
    {
        ["ACCEPT"] = TargetKind.Accept,
        ["DROP"] = TargetKind.Deny,
        ["REJECT"] = TargetKind.Deny,
        ["TARPIT"] = TargetKind.Deny,
        ["RETURN"] = TargetKind.Return,
        ["SNAT"] = TargetKind.SourceNat,
        ["MASQUERADE"] = TargetKind.SourceNat,
        ["DNAT"] = TargetKind.DestinationNat,
        ["REDIRECT"] = TargetKind.DestinationNat,
        ["NETMAP"] = TargetKind.DestinationNat,
        ["CT"] = TargetKind.ConnectionTracking,
        ["NOTRACK"] = TargetKind.ConnectionTracking,
        ["QUEUE"] = TargetKind.Queue,
        ["NFQUEUE"] = TargetKind.Queue,
        ["LOG"] = TargetKind.Continue,
        ["NFLOG"] = TargetKind.Continue,
        ["ULOG"] = TargetKind.Continue,
        ["AUDIT"] = TargetKind.Continue,
        ["TRACE"] = TargetKind.Continue,
        ["MARK"] = TargetKind.Continue,
        ["CONNMARK"] = TargetKind.Continue,
        ["SECMARK"] = TargetKind.Continue,
        ["CONNSECMARK"] = TargetKind.Continue,
        ["CLASSIFY"] = TargetKind.Continue,
        ["TCPMSS"] = TargetKind.Continue,
        ["TCPOPTSTRIP"] = TargetKind.Continue,
        ["TOS"] = TargetKind.Continue,
        ["DSCP"] = TargetKind.Continue,
        ["TTL"] = TargetKind.Continue,
        ["HL"] = TargetKind.Continue,
        ["ECN"] = TargetKind.Continue,
        ["CHECKSUM"] = TargetKind.Continue,
        ["SET"] = TargetKind.Continue,
        ["TEE"] = TargetKind.Continue,
        ["IDLETIMER"] = TargetKind.Continue,
        ["LED"] = TargetKind.Continue,
        ["RATEEST"] = TargetKind.Continue,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static TargetKind? Kind(string name) => Kinds.TryGetValue(name, out var kind) ? kind : null;

    /// <summary>
    /// The verdict in the chain walk. A NAT target ends the walk of its nat chain exactly as ACCEPT does (the
    /// packet goes on, translated), so it is <see cref="RuleVerdict.Permit"/> within its table.
    /// </summary>
    public static RuleVerdict Verdict(TargetKind kind) => kind switch
    {
        TargetKind.Accept or TargetKind.SourceNat or TargetKind.DestinationNat => RuleVerdict.Permit,
        TargetKind.Deny => RuleVerdict.Deny,
        TargetKind.Return => RuleVerdict.Return,
        _ => RuleVerdict.Continue,
    };

    /// <summary>
    /// Target extensions are written in capitals (chains may be too, but a declared chain is looked up first);
    /// an undeclared name in capitals is taken for an extension this reader does not know, anything else for a
    /// jump to a chain that does not exist.
    /// </summary>
    public static bool LooksLikeExtension(string name) =>
        name.Length > 0 && char.IsAsciiLetterUpper(name[0]) && name.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '_' or '-');
}
