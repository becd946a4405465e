using System.Collections.Immutable;
using PortImpact.Core.Change;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Engine.Policies;
using PortImpact.Knowledge;

namespace PortImpact.Engine;

/// <summary>Turns <c>--at</c> placements into the points and hosts of a model, refusing names it lacks.</summary>
public static class ClosureResolver
{
    public static readonly SourceLocation CommandLine = new("--at", 1, 1);

    public static ResolvedClosure Resolve(NetworkModel model, KnowledgeCatalog catalog, Closure closure)
    {
        var points = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var hosts = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var externalZones = model.Places.Where(p => !p.IsSite && p.External).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var sites = model.Places.Where(p => p.IsSite).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var placement in closure.At)
        {
            switch (placement)
            {
                case AtPoint at:
                    if (model.FindPoint(at.Name) is null)
                    {
                        var known = string.Join(", ", model.Points.Select(p => p.Name));
                        throw new InputException(at.Location ?? CommandLine,
                            Messages.Format("ClosureUnknownPoint", at.Name, Suggestions.Hint(at.Name, model.Points.Select(p => p.Name)), known));
                    }
                    points.Add(at.Name);
                    break;
                case AtPerimeter:
                    points.UnionWith(model.Links.Where(l => externalZones.Contains(l.A) || externalZones.Contains(l.B)).Select(l => l.Via));
                    break;
                case AtInterSite:
                    points.UnionWith(model.Links.Where(l => sites.Contains(l.A) && sites.Contains(l.B)).Select(l => l.Via));
                    break;
                case AtHosts { Role: null }:
                    hosts.UnionWith(model.Hosts.Where(h => model.FindPlace(h.Place)?.IsSite == true).Select(h => h.Name));
                    break;
                case AtHosts { Role: { } role }:
                    if (!catalog.Roles.ContainsKey(role))
                    {
                        throw new InputException(placement.Location ?? CommandLine,
                            Messages.Format("ClosureUnknownRole", role, Suggestions.Hint(role, catalog.Roles.Keys), string.Join(", ", catalog.Roles.Keys.Order())));
                    }
                    hosts.UnionWith(model.Hosts.Where(h => h.HasRole(role)).Select(h => h.Name));
                    break;
            }
        }
        var direction = closure.Direction;
        return new ResolvedClosure(closure, points.ToImmutable(), hosts.ToImmutable(),
            direction ?? TrafficDirection.Both, direction ?? TrafficDirection.In);
    }
}
