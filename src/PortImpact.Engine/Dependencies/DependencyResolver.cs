using PortImpact.Core.Knowledge;
using PortImpact.Core.Model;
using PortImpact.Engine.Paths;
using PortImpact.Knowledge;

namespace PortImpact.Engine.Dependencies;

/// <summary>
/// Turns roles into dependencies using the role catalog, then adds the model's <c>uses</c>. The same
/// (capability, client, server, kind) is listed once, with the first reason found.
/// </summary>
public sealed class DependencyResolver(NetworkModel model, KnowledgeCatalog catalog, Topology topology)
{
    public IReadOnlyList<Dependency> Resolve()
    {
        var hostsByRole = model.Hosts
            .SelectMany(h => h.Roles.Select(r => (Role: r, Host: h)))
            .GroupBy(x => x.Role, x => x.Host, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var seen = new HashSet<(string, string, string, DependencyKind, ReplicationWay?)>();
        var result = new List<Dependency>();
        void Add(Dependency dependency)
        {
            if (dependency.Client != dependency.Server
                && seen.Add((dependency.Capability, dependency.Client, dependency.Server, dependency.Kind, dependency.Replication)))
            {
                result.Add(dependency);
            }
        }

        foreach (var client in model.Hosts)
        {
            foreach (var roleId in client.Roles)
            {
                if (!catalog.Roles.TryGetValue(roleId, out var role)) continue;
                foreach (var implied in role.Implies)
                {
                    var origin = $"role:{roleId}";
                    var candidates = Candidates(hostsByRole, implied);
                    if (candidates.Count == 0) continue;
                    switch (implied.Selection)
                    {
                        case ServerSelection.Failover:
                        {
                            if (!(model.FindPlace(client.Place)?.DcFailover ?? true)) break;
                            var servers = Failover(client, implied, candidates);
                            if (servers.Count > 0)
                            {
                                Add(new Dependency(implied.Capability, client.Name, servers[0].Name, origin)
                                    { Kind = DependencyKind.Failover, Servers = [.. servers.Select(s => s.Name)] });
                            }
                            break;
                        }
                        case ServerSelection.ReplicateBothWays or ServerSelection.ReplicateInbound:
                        {
                            // Replication takes its sources from the main role alone: a read-only DC passes no change on.
                            var sources = hostsByRole.GetValueOrDefault(implied.ServerRole) ?? [];
                            var partners = Selected(client, implied.ServerRole, sources, ServerSelection.ReplicationPartners);
                            if (partners.Count == 0) break;
                            var servers = partners.Select(s => s.Name).ToList();
                            Add(new Dependency(implied.Capability, client.Name, servers[0], origin) { Replication = ReplicationWay.Inbound, Servers = [.. servers] });
                            if (implied.Selection == ServerSelection.ReplicateBothWays)
                            {
                                Add(new Dependency(implied.Capability, client.Name, servers[0], origin) { Replication = ReplicationWay.Outbound, Servers = [.. servers] });
                            }
                            break;
                        }
                        default:
                            foreach (var server in Selected(client, RoleKey(implied), candidates, implied.Selection))
                            {
                                Add(new Dependency(implied.Capability, client.Name, server.Name, origin));
                            }
                            break;
                    }
                }
            }
        }
        foreach (var use in model.Uses)
        {
            Add(new Dependency(use.Capability, use.From, use.To, "uses"));
        }
        return result;
    }

    private static string RoleKey(ImpliedDependency implied) => string.Join("+", implied.ServerRoles);

    private readonly Dictionary<string, List<HostGroup>> _candidates = new(StringComparer.Ordinal);

    /// <summary>The hosts with any of the dependency's server roles, in model order.</summary>
    private List<HostGroup> Candidates(Dictionary<string, List<HostGroup>> hostsByRole, ImpliedDependency implied)
    {
        var key = RoleKey(implied);
        if (!_candidates.TryGetValue(key, out var hosts))
        {
            var roles = implied.ServerRoles.ToHashSet(StringComparer.Ordinal);
            hosts = [.. model.Hosts.Where(h => h.Roles.Any(roles.Contains))];
            _candidates[key] = hosts;
        }
        return hosts;
    }

    /// <summary>Every candidate the nearest selection does not pick, by distance and then model order.</summary>
    private List<HostGroup> Failover(HostGroup client, ImpliedDependency implied, List<HostGroup> candidates)
    {
        var primary = Selected(client, RoleKey(implied), candidates, ServerSelection.Nearest).ToHashSet();
        return [.. candidates
            .Where(c => c.Name != client.Name && !primary.Contains(c))
            .Select(c => (Server: c, Links: topology.Distance(client.Place, c.Place)))
            .Where(c => c.Links is not null)
            .OrderBy(c => c.Links)
            .Select(c => c.Server)];
    }

    private readonly Dictionary<(string Place, string Role, ServerSelection Selection, string? Self), IReadOnlyList<HostGroup>> _selected = new();

    /// <summary>
    /// Every client of one place picks the same servers (unless it is one of them), so a model with 20,000
    /// host groups makes the choice once per place, not once per group.
    /// </summary>
    private IReadOnlyList<HostGroup> Selected(HostGroup client, string role, List<HostGroup> candidates, ServerSelection selection)
    {
        var key = (client.Place, role, selection, candidates.Any(c => c.Name == client.Name) ? client.Name : null);
        if (!_selected.TryGetValue(key, out var servers))
        {
            servers = [.. Select(client, candidates, selection)];
            _selected[key] = servers;
        }
        return servers;
    }

    private IEnumerable<HostGroup> Select(HostGroup client, List<HostGroup> candidates, ServerSelection selection)
    {
        var others = candidates.Where(c => c.Name != client.Name).ToList();
        if (others.Count == 0) return [];
        switch (selection)
        {
            case ServerSelection.All:
                return others;
            case ServerSelection.ReplicationPartners:
            {
                var partners = others.Where(c => topology.Distance(client.Place, c.Place) is <= 1).ToList();
                return partners.Count > 0 ? partners : Nearest(client, others);
            }
            default:
                return Nearest(client, others);
        }
    }

    private List<HostGroup> Nearest(HostGroup client, List<HostGroup> others)
    {
        var reachable = others.Select(c => (Server: c, Links: topology.Distance(client.Place, c.Place))).Where(c => c.Links is not null).ToList();
        if (reachable.Count == 0) return [];
        var best = reachable.Min(c => c.Links);
        return [.. reachable.Where(c => c.Links == best).Select(c => c.Server)];
    }
}
