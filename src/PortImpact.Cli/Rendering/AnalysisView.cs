using PortImpact.Core.Model;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Results;

namespace PortImpact.Cli.Rendering;

/// <summary>A group of threat findings that read the same except for the victim, to keep reports short.</summary>
public sealed record ThreatGroup(string Threat, string Attacker, Exposure Before, Exposure After, IReadOnlyList<string> Victims, IReadOnlyList<int> CutSteps, IReadOnlyList<string> CutAt);

/// <summary>What the human-readable reports (table, Markdown) show, computed once from the result.</summary>
public sealed class AnalysisView(AnalysisResult result, Text text, PortImpact.Knowledge.KnowledgeCatalog? catalog = null)
{
    public AnalysisResult Result => result;

    public IReadOnlyList<DependencyImpact> ChangedDependencies { get; } =
        result.Dependencies.Where(d => d.Changed).OrderByDescending(d => d.After).ThenBy(d => d.Dependency.Capability, NaturalOrder.Instance).ToList();

    public IReadOnlyList<ThreatGroup> Stopped { get; } = Group(result.Threats, result.Threats.Where(t => t.Before == Exposure.Exposed && t.After == Exposure.Blocked));

    public IReadOnlyList<ThreatGroup> Opened { get; } = Group(result.Threats, result.Threats.Where(t => t.Before == Exposure.Blocked && t.After == Exposure.Exposed));

    public IReadOnlyList<ThreatGroup> StillExposed { get; } = Group(result.Threats, result.Threats.Where(t => t.After == Exposure.Exposed));

    public int Count(IReadOnlyList<ThreatGroup> groups) => groups.Sum(g => g.Victims.Count);

    public string Why(DependencyImpact impact)
    {
        var why = Why(impact.Blockages);
        if (!impact.Unreached.IsEmpty)
        {
            var unreached = text.Format("WhyUnreached", string.Join(", ", impact.Unreached));
            why = why.Length == 0 ? unreached : $"{unreached}; {why}";
        }
        // A required dependency whose loss the catalog spells out (a read-only DC's forwarding) says what is lost first.
        if (impact.After == DependencyState.Broken && impact.Dependency.Kind == Engine.Dependencies.DependencyKind.Required
            && catalog?.Capabilities.GetValueOrDefault(impact.Dependency.Capability)?.WhenBroken.In(text.Language) is { Length: > 0 } lost)
        {
            why = why.Length == 0 ? lost : $"{lost}; {why}";
        }
        return why;
    }

    /// <summary>The capability column: a failover or one way of replication says so.</summary>
    public string Capability(DependencyImpact impact) => impact.Dependency switch
    {
        { Kind: Engine.Dependencies.DependencyKind.Failover } d => text.Format("CapabilityFailover", d.Capability),
        { Replication: Engine.Dependencies.ReplicationWay.Inbound } d => text.Format("CapabilityInbound", d.Capability),
        { Replication: Engine.Dependencies.ReplicationWay.Outbound } d => text.Format("CapabilityOutbound", d.Capability),
        var d => d.Capability,
    };

    /// <summary>The server column: a failover or replication dependency names its first server and how many more there are.</summary>
    public string Server(DependencyImpact impact) => impact.Dependency.Servers.Length > 1
        ? text.Format("ServerAndMore", impact.Dependency.Server, impact.Dependency.Servers.Length - 1)
        : impact.Dependency.Server;

    public string Why(IEnumerable<Blockage> blockages) => string.Join("; ", blockages
        .GroupBy(b => (b.At, b.Rule, b.Partial, b.Origin, b.Uncertain))
        .Select(g =>
        {
            var ports = string.Join(" ", g.GroupBy(b => b.Transport).Select(t => $"{t.Key.ToString().ToLowerInvariant()}/{string.Join(",", t.Select(b => b.Ports.ToString()).Distinct())}"));
            // The change itself is stated once at the top of the report; a reason only says it was the change.
            var why = g.Key.Origin == RuleOrigin.ProposedChange
                ? text.Format(g.Key.Partial ? "WhyPartlyByChange" : "WhyBlockedByChange", ports, g.Key.At)
                : text.Format(g.Key.Partial ? "WhyPartly" : "WhyBlocked", ports, g.Key.At, RuleName(g.Key.Rule, g.Key.Origin));
            return g.Key.Uncertain ? text.Format("WhyUncertain", why) : why;
        })
        .Distinct());

    /// <summary>Rules the tool made up are named in the reader's language; the user's own labels stay as written.</summary>
    private string RuleName(string label, RuleOrigin origin) => origin switch
    {
        RuleOrigin.DefaultInbound => text["RuleDefaultInbound"],
        RuleOrigin.DefaultOutbound => text["RuleDefaultOutbound"],
        _ => label,
    };

    public string Change() => text.Format("ChangeLine", result.Closure.Ports, string.Join(", ", result.Closure.At.Select(a => a.Id)));

    /// <summary>One line per threat that spreads at all: its largest wave under the change, and the same start today.</summary>
    public IEnumerable<string> WorstCases() => result.WorstCases.Where(w => w.Radius > 0 || w.RadiusCompared > 0).Select(w =>
        text.Format("AnalyzeWorstCase", w.Threat, text.Attacker(w.From), w.Radius, w.Hops, w.RadiusCompared));

    public string Summary() => text.Format("Summary", result.NewlyBroken, result.NewlyDegraded, result.ThreatsStopped, result.StillExposed,
        result.ResilienceLost, result.AlreadyBroken);

    private static List<ThreatGroup> Group(IEnumerable<ThreatFinding> all, IEnumerable<ThreatFinding> findings) => findings
        .GroupBy(f => (f.Threat, f.Attacker, f.Before, f.After, Steps: string.Join(",", f.CutSteps), At: string.Join(",", f.CutAt.Select(a => FilterPointId.IsHostKey(a) ? "host" : a))))
        .Select(g => new ThreatGroup(g.Key.Threat, g.Key.Attacker, g.Key.Before, g.Key.After,
            g.SelectMany(f => f.Victims).Order(NaturalOrder.Instance).ToList(), g.First().CutSteps, g.First().CutAt.Select(a => FilterPointId.IsHostKey(a) ? "host firewall" : a).Distinct().ToList()))
        // The engine lists findings site by site; a reader wants them threat by threat, Internet first.
        .OrderBy(g => g.Threat, ThreatOrder(all))
        .ThenBy(g => AttackerPosition.Parse(g.Attacker).ReportRank)
        .ToList();

    /// <summary>Threats in the order they first appear, which is the catalog's (oldest first).</summary>
    private static IComparer<string> ThreatOrder(IEnumerable<ThreatFinding> findings)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var finding in findings) rank.TryAdd(finding.Threat, rank.Count);
        return Comparer<string>.Create((a, b) => rank[a].CompareTo(rank[b]));
    }
}
