using System.Collections.Immutable;
using PortImpact.Core.Model;
using PortImpact.Engine.Dependencies;
using PortImpact.Engine.Recommendations;
using PortImpact.Engine.Results;

namespace PortImpact.Cli.Rendering;

/// <summary>
/// One site's part of a result (<c>--site NAME</c>): the dependencies of its clients and on its servers, attack
/// paths on its machines and from it, the exceptions that open a way to or from it. The part is itself a result,
/// so its counts, summary and gate are the site's.
/// </summary>
public sealed class SiteScope(NetworkModel network, string site)
{
    private readonly Dictionary<string, string> _placeOf = network.Hosts.ToDictionary(h => h.Name, h => h.Place, StringComparer.Ordinal);

    public string Site => site;

    /// <summary>
    /// A dependency belongs to the site when its client or its first server is there: a failover to any of forty
    /// other sites' controllers is the client's site's concern, not each of the forty's.
    /// </summary>
    public bool Touches(Dependency dependency) => In(dependency.Client) || In(dependency.Server);

    public bool In(string host) => _placeOf.GetValueOrDefault(host) == site;

    public AnalysisResult Of(AnalysisResult result) => result with
    {
        Dependencies = [.. result.Dependencies.Where(d => Touches(d.Dependency))],
        Threats = [.. Findings(result.Threats, f => f.Attacker, f => f.Victims, (f, victims) => f with { Victims = victims })],
    };

    public Recommendation Of(Recommendation recommendation)
    {
        var exceptions = recommendation.Exceptions.Where(e => e.Sources.Any(In) || e.Destinations.Any(In)).ToImmutableArray();
        return recommendation with
        {
            Exceptions = exceptions,
            DependenciesKept = exceptions.SelectMany(e => e.Keeps).Distinct().Count(),
            Residual = [.. Findings(recommendation.Residual, r => r.Attacker, r => r.Victims, (r, victims) => r with { Victims = victims })],
            ClosureAlone = Of(recommendation.ClosureAlone),
            Dependencies = [.. recommendation.Dependencies.Where(d => Touches(d.Dependency))],
        };
    }

    /// <summary>Every victim of an attacker in the site; of any other attacker, the victims in the site.</summary>
    private IEnumerable<T> Findings<T>(IEnumerable<T> findings, Func<T, string> attacker, Func<T, ImmutableArray<string>> victims, Func<T, ImmutableArray<string>, T> with)
    {
        foreach (var finding in findings)
        {
            if (AttackerPosition.Parse(attacker(finding)).Place == site)
            {
                yield return finding;
                continue;
            }
            var here = victims(finding).Where(In).ToImmutableArray();
            if (!here.IsEmpty) yield return with(finding, here);
        }
    }
}
