using System.Collections.Immutable;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Nftables;

/// <summary>What a selector (the left side of a match) is about, so the builder knows which set it narrows.</summary>
internal enum NftSelectorKind
{
    SourceAddress,
    DestinationAddress,
    SourcePort,
    DestinationPort,
    Protocol,
    ConnectionState,
    /// <summary><c>meta nfproto</c>, <c>meta protocol</c>, <c>ether type</c>: the rule is for IPv4 or not at all.</summary>
    IpFamily,
    /// <summary><c>tcp flags</c>: decided for the first packet of a connection, a SYN alone.</summary>
    TcpFlags,
    /// <summary><c>iif</c>, <c>iifname</c>, <c>oif</c>, <c>oifname</c>: decided when the interface is loopback, else opaque.</summary>
    Interface,
    /// <summary>Anything else the reader knows the shape of but cannot evaluate: interface, mark, ICMP type, fib …</summary>
    Opaque,
}

/// <summary>
/// A selector such as <c>ip saddr</c> or <c>tcp dport</c>. <see cref="ImpliedProtocol"/>: the protocol a
/// transport header selector implies (nft adds that dependency itself). <see cref="TransportHeader"/>:
/// <c>th</c>, the port fields of whatever transport header the packet has. <see cref="Category"/> is the
/// <see cref="OpaqueCondition.Construct"/> an opaque selector yields (<c>interface</c>, <c>mark</c> …).
/// </summary>
internal sealed record NftSelector(NftSelectorKind Kind, string Text, NftToken Start, int? ImpliedProtocol, string Category, bool TransportHeader = false);

/// <summary>A match: selectors (several when concatenated), the operator, and the value to compare with.</summary>
/// <remarks><see cref="AndMask"/>: the operand of a single <c>&amp;</c> (<c>tcp flags &amp; (fin|syn) == syn</c>), kept where it can be read.</remarks>
internal sealed record NftMatch(ImmutableArray<NftSelector> Selectors, string Operator, NftValueSyntax Value, bool Masked, NftToken Start, string Text)
{
    public NftValueSyntax? AndMask { get; init; }
}

internal sealed record NftVerdictSyntax(RuleVerdict Verdict, NftToken Keyword, NftToken? Target);

/// <summary><c>SELECTOR vmap { key : verdict, … }</c> or <c>SELECTOR vmap @map</c>.</summary>
internal sealed record NftVerdictMap(ImmutableArray<NftSelector> Selectors, NftValueSyntax Map, NftToken Start, string Text);

/// <summary>Why a rule is not turned into rules (not IPv4, unreadable, address translation): construct and where.</summary>
internal sealed record NftRuleIssue(string Construct, NftToken Start);

/// <summary>A statement that may or may not let a packet through the rule: <c>limit</c>, <c>quota</c>, a metered limit.</summary>
internal sealed record NftOpaqueStatement(string Construct, string Category, NftToken Start, string Text);

/// <summary>One rule read into its statements, in the order written; values are resolved later by <see cref="NftRuleBuilder"/>.</summary>
internal sealed record NftParsedRule(
    NftRuleSyntax Syntax,
    ImmutableArray<NftMatch> Matches,
    ImmutableArray<NftOpaqueStatement> OpaqueStatements,
    NftVerdictSyntax? Verdict,
    NftVerdictMap? VerdictMap,
    NftRuleIssue? NotIpv4,
    NftRuleIssue? Unreadable,
    NftRuleIssue? Translation,
    ImmutableArray<string> UpdatedSets);
