using PortImpact.Core.Model;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Results;

namespace PortImpact.Cli.Rendering;

/// <summary>One site's figures in a summary: its clients' dependencies broken and degraded, attack paths on its machines stopped and still exposed.</summary>
public sealed record SiteFigures(string Place, int Broken, int Degraded, int Stopped, int StillExposed);

/// <summary>A group of threat findings that read the same except for the victim, to keep reports short.</summary>
public sealed record ThreatGroup(string Threat, string Attacker, Exposure Before, Exposure After, IReadOnlyList<string> Victims, IReadOnlyList<int> CutSteps, IReadOnlyList<string> CutAt);

/// <summary>
/// What the reports for people (table, Markdown, HTML) show, computed once from the result: all of it, or as much as
/// <see cref="ReportScope"/> says — one site's part, only what changes, attack paths grouped by threat and attacker.
/// </summary>
public sealed class AnalysisView
{
    /// <summary>A reason naming more points than this names the first ones and counts the rest.</summary>
    public const int MostPointsNamed = 6;

    /// <summary>A victims cell of grouped attack paths names this many and counts the rest.</summary>
    public const int MostVictimsNamed = 12;

    private readonly AnalysisResult result;
    private readonly AnalysisResult whole;
    private readonly Text text;
    private readonly PortImpact.Knowledge.KnowledgeCatalog? catalog;
    private readonly Dictionary<string, string> placeOf;
    private readonly List<string> notes = [];

    public AnalysisView(AnalysisResult result, Text text, PortImpact.Knowledge.KnowledgeCatalog? catalog = null, ReportScope? scope = null, NetworkModel? network = null)
    {
        whole = result;
        this.text = text;
        this.catalog = catalog;
        Scope = scope ?? ReportScope.Everything;
        placeOf = network?.Hosts.ToDictionary(h => h.Name, h => h.Place, StringComparer.Ordinal) ?? [];
        if (Scope.Site is not null && network is null) throw new ArgumentException("a report of one site needs the model", nameof(network));

        // One site's report is the analysis of that site's part: its counts, summary and gates are the site's.
        this.result = Scope.Site is not { } only ? result : new SiteScope(network!, only).Of(result);
        var dependencies = this.result.Dependencies;
        var threats = this.result.Threats;
        ChangedDependencies = dependencies.Where(d => d.Changed).OrderByDescending(d => d.After).ThenBy(d => d.Dependency.Capability, NaturalOrder.Instance).ToList();
        DependencyCount = dependencies.Length;
        StillExposedPaths = threats.Where(t => t.After == Exposure.Exposed).Sum(t => t.Victims.Length);

        var stopped = threats.Where(t => t.Before == Exposure.Exposed && t.After == Exposure.Blocked).ToList();
        var opened = threats.Where(t => t.Before == Exposure.Blocked && t.After == Exposure.Exposed).ToList();
        var exposed = threats.Where(t => t.After == Exposure.Exposed).ToList();
        var byCut = true;
        Stopped = Group(threats, stopped, byCut);
        Opened = Group(threats, opened, byCut);
        StillExposed = Group(threats, exposed, byCut);
        ListsUnchanged = Scope.Listing != ListingMode.ChangedOnly;
        if (Scope.Listing == ListingMode.Auto && Rows(listUnchanged: true) > ReportScope.RowBudget)
        {
            ListsUnchanged = false;
            notes.Add(text.Format("ScopeChangedOnly", ReportScope.RowBudget, StillExposedPaths));
        }
        if (Scope.Listing == ListingMode.Auto && Rows(ListsUnchanged) > ReportScope.RowBudget)
        {
            byCut = false;
            Stopped = Group(threats, stopped, byCut);
            Opened = Group(threats, opened, byCut);
            StillExposed = Group(threats, exposed, byCut);
            GroupedByAttacker = true;
            notes.Add(text["ScopeGrouped"]);
        }
        if (!ListsUnchanged) StillExposed = [];
        if (Scope.Site is { } site) notes.Insert(0, text.Format("ScopeSite", site));
    }

    public AnalysisResult Result => result;

    public ReportScope Scope { get; }

    public IReadOnlyList<DependencyImpact> ChangedDependencies { get; }

    /// <summary>The dependencies in the report's scope, changed or not.</summary>
    public int DependencyCount { get; }

    public IReadOnlyList<ThreatGroup> Stopped { get; }

    public IReadOnlyList<ThreatGroup> Opened { get; }

    /// <summary>The exposed groups listed: none when <see cref="ListsUnchanged"/> is false (their count is <see cref="StillExposedPaths"/>).</summary>
    public IReadOnlyList<ThreatGroup> StillExposed { get; }

    /// <summary>Whether attack paths exposed before and after the change are listed, or only counted.</summary>
    public bool ListsUnchanged { get; }

    /// <summary>Whether attack paths were grouped by threat and attacker only (their victims abbreviated) to keep the report short.</summary>
    public bool GroupedByAttacker { get; }

    public int StillExposedPaths { get; }

    /// <summary>What the report left out or grouped, and how to see it whole, said at its top (a summary lists no rows to speak of).</summary>
    public IReadOnlyList<string> ScopeNotes => Scope.SummaryOnly ? [.. notes.Take(Scope.Site is null ? 0 : 1)] : notes;

    /// <summary>The victims cell: every name, or when paths were grouped the first ones, how many and in how many sites.</summary>
    public string Victims(ThreatGroup group)
    {
        if (!GroupedByAttacker || group.Victims.Count <= MostVictimsNamed) return string.Join(", ", group.Victims);
        var sites = group.Victims.Select(PlaceOf).Distinct().Count();
        return text.Format("VictimsAbridged", string.Join(", ", group.Victims.Take(MostVictimsNamed / 2)), group.Victims.Count, sites);
    }

    /// <summary>The blocked-at cell: every point, or when paths were grouped the first ones and how many more.</summary>
    public string BlockedAt(ThreatGroup group) => GroupedByAttacker ? Names(group.CutAt, MostPointsNamed) : string.Join(", ", group.CutAt);

    private int Rows(bool listUnchanged) => ChangedDependencies.Count + Stopped.Count + Opened.Count + (listUnchanged ? StillExposed.Count : 0);

    private string? PlaceOf(string host) => placeOf.GetValueOrDefault(host);

    /// <summary>
    /// Per site (or zone) of the model: the required dependencies its clients lose or see degraded, as the summary
    /// counts them, and the attack paths on its machines stopped and still exposed.
    /// </summary>
    public IReadOnlyList<SiteFigures> BySite()
    {
        var required = whole.Dependencies.Where(d => d.Dependency.Kind == Engine.Dependencies.DependencyKind.Required).ToList();
        return [.. placeOf.Values.Distinct().Order(NaturalOrder.Instance).Select(place => new SiteFigures(
            place,
            required.Count(d => d.After == DependencyState.Broken && d.Before != DependencyState.Broken && PlaceOf(d.Dependency.Client) == place),
            required.Count(d => d.After == DependencyState.Degraded && d.Before == DependencyState.Works && PlaceOf(d.Dependency.Client) == place),
            whole.Threats.Where(t => t.Before == Exposure.Exposed && t.After == Exposure.Blocked).Sum(t => t.Victims.Count(v => PlaceOf(v) == place)),
            whole.Threats.Where(t => t.After == Exposure.Exposed).Sum(t => t.Victims.Count(v => PlaceOf(v) == place))))];
    }

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

    /// <summary>
    /// The blockages as sentences: one per rule, its ports and the points it closes them at, so that a dependency cut
    /// at forty WAN routers by the same change reads as one sentence naming the routers, not forty sentences.
    /// </summary>
    public string Why(IEnumerable<Blockage> blockages) => string.Join("; ", blockages
        .GroupBy(b => (b.At, b.Rule, b.Partial, b.Origin, b.Uncertain))
        .Select(g => (g.Key, Ports: string.Join(" ", g.GroupBy(b => b.Transport).Select(t => $"{t.Key.ToString().ToLowerInvariant()}/{string.Join(",", t.Select(b => b.Ports.ToString()).Distinct())}"))))
        .GroupBy(x => (x.Key.Rule, x.Key.Partial, x.Key.Origin, x.Key.Uncertain, x.Ports))
        .Select(g =>
        {
            var at = Names(g.Select(x => x.Key.At).Distinct().Order(NaturalOrder.Instance).ToList(), MostPointsNamed);
            // The change itself is stated once at the top of the report; a reason only says it was the change.
            var why = g.Key.Origin == RuleOrigin.ProposedChange
                ? text.Format(g.Key.Partial ? "WhyPartlyByChange" : "WhyBlockedByChange", g.Key.Ports, at)
                : text.Format(g.Key.Partial ? "WhyPartly" : "WhyBlocked", g.Key.Ports, at, RuleName(g.Key.Rule, g.Key.Origin));
            return g.Key.Uncertain ? text.Format("WhyUncertain", why) : why;
        })
        .Distinct());

    /// <summary>Names for a cell: all of them when few, else the first ones and how many more (the JSON report has every one).</summary>
    public string Names(IReadOnlyList<string> names, int most) => names.Count <= most
        ? string.Join(", ", names)
        : text.Format("NamesAndMore", string.Join(", ", names.Take(most - 1)), names.Count - (most - 1));

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

    /// <summary>
    /// Findings that read alike merged into one row: by threat, attacker and where the change cuts the path, or, for a
    /// report too long to list that way, by threat and attacker alone with every point that cuts it.
    /// </summary>
    private static List<ThreatGroup> Group(IEnumerable<ThreatFinding> all, IEnumerable<ThreatFinding> findings, bool byCut) => findings
        .GroupBy(f => (f.Threat, f.Attacker, f.Before, f.After,
            Steps: byCut ? string.Join(",", f.CutSteps) : "", At: byCut ? string.Join(",", f.CutAt.Select(a => FilterPointId.IsHostKey(a) ? "host" : a)) : ""))
        .Select(g => new ThreatGroup(g.Key.Threat, g.Key.Attacker, g.Key.Before, g.Key.After,
            g.SelectMany(f => f.Victims).Order(NaturalOrder.Instance).ToList(),
            byCut ? g.First().CutSteps : [.. g.SelectMany(f => f.CutSteps).Distinct().Order()],
            [.. g.SelectMany(f => f.CutAt).Select(a => FilterPointId.IsHostKey(a) ? "host firewall" : a).Distinct().Order(NaturalOrder.Instance)]))
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
