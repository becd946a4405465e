using PortImpact.Core.Knowledge;
using PortImpact.Core.Model;
using PortImpact.Engine.Recommendations;

namespace PortImpact.Cli.Rendering;

/// <summary>Residual exposures that read the same except for the victim.</summary>
public sealed record ResidualGroup(string Threat, string Attacker, IReadOnlyList<string> Victims, IReadOnlyList<string> Through, IReadOnlyList<Mitigation> Mitigations);

/// <summary>What the human-readable reports of <c>recommend</c> show, computed once: of the whole network, or of one site.</summary>
public sealed class RecommendationView(Recommendation whole, Text text, PortImpact.Knowledge.KnowledgeCatalog catalog, NetworkModel model, string? site = null)
{
    private readonly Recommendation recommendation = site is null ? whole : new SiteScope(model, site).Of(whole);

    /// <summary>The recommendation the report is about: the site's part when one was asked for.</summary>
    public Recommendation Recommendation => recommendation;

    /// <summary>What the report left out, said at its top.</summary>
    public IReadOnlyList<string> ScopeNotes => site is null ? [] : [text.Format("ScopeSiteRecommend", site)];

    /// <summary>Threat by threat in catalog order, Internet first, then the same LAN, then other sites, as <c>analyze</c> lists them.</summary>
    public IReadOnlyList<ResidualGroup> Residual => residual ??= recommendation.Residual
        .GroupBy(r => (r.Threat, r.Attacker, Through: string.Join(",", r.Through)))
        .Select(g => new ResidualGroup(g.Key.Threat, g.Key.Attacker, g.SelectMany(r => r.Victims).Order(NaturalOrder.Instance).ToList(), g.First().Through, g.First().Mitigations))
        .OrderBy(g => catalog.Threats.IndexOf(catalog.Threats.First(t => t.Id == g.Threat)))
        .ThenBy(g => AttackerPosition.Parse(g.Attacker).ReportRank)
        .ToList();

    private IReadOnlyList<ResidualGroup>? residual;

    /// <summary>Each mitigation once, in the order the residual rows first name it.</summary>
    public IReadOnlyList<Mitigation> Mitigations => Residual.SelectMany(r => r.Mitigations).DistinctBy(m => m.Id).ToList();

    public string Change() => text.Format("ChangeLine", recommendation.Closure.Ports, string.Join(", ", recommendation.Closure.At.Select(a => a.Id)));

    public string At(AllowException exception) => exception.OnHost ? text.Format("HostFirewallOf", FilterPointId.Parse(exception.At).Name) : exception.At;

    /// <summary>
    /// A host firewall's rule is inbound or outbound (受信/送信, Windows' own words); a router's is toward the link's inside
    /// end or away from it (内向き/外向き), which is not what the host words mean.
    /// </summary>
    public string Direction(AllowException exception) => text[exception.Direction switch
    {
        TrafficDirection.In => exception.OnHost ? "DirectionIn" : "DirectionInward",
        TrafficDirection.Out => exception.OnHost ? "DirectionOut" : "DirectionOutward",
        _ => "DirectionBoth",
    }];

    public string Keeps(AllowException exception) =>
        string.Join("; ", exception.Keeps.Distinct().Select(k => $"{Capability(k)} {k.Client} → {k.Server}"));

    private string Capability(Engine.Dependencies.Dependency dependency) => dependency switch
    {
        { Kind: Engine.Dependencies.DependencyKind.Failover } => text.Format("CapabilityFailover", dependency.Capability),
        { Replication: Engine.Dependencies.ReplicationWay.Inbound } => text.Format("CapabilityInbound", dependency.Capability),
        { Replication: Engine.Dependencies.ReplicationWay.Outbound } => text.Format("CapabilityOutbound", dependency.Capability),
        _ => dependency.Capability,
    };

    /// <summary>Each threat's worst wave through the exceptions, one line each.</summary>
    public IEnumerable<string> WorstCases() => recommendation.WorstCases.Select(w =>
        text.Format("WorstCase", w.Threat, text.Attacker(w.From), w.Radius, w.Hops, w.RadiusCompared));

    /// <summary>What keeping the failover to other sites' domain controllers costs, when it costs anything.</summary>
    public string? FailoverCost() => recommendation.FailoverOnlyExceptions == 0 ? null : text.Format("FailoverCost", recommendation.FailoverOnlyExceptions);

    /// <summary>
    /// For each exception that opens an RPC dynamic range, how to narrow it; or, where the model already says the
    /// servers hand out a restricted range (their own rpcDynamicPorts or the model's), that it is already narrow.
    /// </summary>
    public IEnumerable<string> Narrowing() => recommendation.Exceptions
        .Where(e => !e.RpcDynamicPorts.IsEmpty)
        .Select(e => text.Format(Restricted(e) ? "NarrowedRpc" : "NarrowRpc", e.Id, e.RpcDynamicPorts, string.Join(", ", e.Destinations)));

    private bool Restricted(AllowException exception) =>
        exception.Destinations.All(d => (model.FindHost(d)?.RpcDynamicPorts ?? model.RpcDynamicPorts) is var range
            && !range.Equals(NetworkModel.DefaultRpcDynamicPorts));

    public string Summary() => text.Format("RecommendSummary", recommendation.Exceptions.Length, recommendation.DependenciesKept,
        recommendation.ThreatsStopped, recommendation.ResidualPaths);
}
