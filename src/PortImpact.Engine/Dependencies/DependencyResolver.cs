using PortImpact.Core.Knowledge;
using PortImpact.Core.Model;
using PortImpact.Engine.Paths;
using PortImpact.Knowledge;

namespace PortImpact.Engine.Dependencies;

/// <summary>
/// Turns roles into dependencies using the role catalog, then adds the model's <c>uses</c>. The same
/// (capability, client, server) is listed once, with the first reason found.
/// </summary>
public sealed class DependencyResolver(NetworkModel model, KnowledgeCatalog catalog, Topology topology)
{
    public IReadOnlyList<Dependency> Resolve()
    {
        var hostsByRole = model.Hosts
            .SelectMany(h => h.Roles.Select(r => (Role: r, Host: h)))
            .GroupBy(x => x.Role, x => x.Host, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var seen = new HashSet<(string, string, string)>();
        var result = new List<Dependency>();
        void Add(string capability, string client, string server, string origin)
        {
            if (client != server && seen.Add((capability, client, server)))
            {
                result.Add(new Dependency(capability, client, server, origin));
            }
        }

        foreach (var client in model.Hosts)
        {
            foreach (var roleId in client.Roles)
            {
                if (!catalog.Roles.TryGetValue(roleId, out var role)) continue;
                foreach (var implied in role.Implies)
                {
                    if (!hostsByRole.TryGetValue(implied.ServerRole, out var candidates)) continue;
                    foreach (var server in Selected(client, implied.ServerRole, candidates, implied.Selection))
                    {
                        Add(implied.Capability, client.Name, server.Name, $"role:{roleId}");
                    }
                }
            }
        }
        foreach (var use in model.Uses)
        {
            Add(use.Capability, use.From, use.To, "uses");
        }
        return result;
    }

    private readonly Dictionary<(string Place, string Role, ServerSelection Selection, string? Self), IReadOnlyList<HostGroup>> _selected = new();

    /// <summary>
    /// Every client of one place picks the same servers (unless it is one of them), so a model with 20,000
    /// host groups makes the choice once per place, not once per group.
    /// </summary>
    private IReadOnlyList<HostGroup> Selected(HostGroup client, string role, List<HostGroup> candidates, ServerSelection selection)
    {
        var key = (client.Place, role, selection, client.HasRole(role) ? client.Name : null);
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
                var distances = topology.DistancesFrom(client.Place);
                var partners = others.Where(c => distances.TryGetValue(c.Place, out var d) && d <= 1).ToList();
                return partners.Count > 0 ? partners : Nearest(client, others);
            }
            default:
                return Nearest(client, others);
        }
    }

    private List<HostGroup> Nearest(HostGroup client, List<HostGroup> others)
    {
        var distances = topology.DistancesFrom(client.Place);
        var reachable = others.Where(c => distances.ContainsKey(c.Place)).ToList();
        if (reachable.Count == 0) return [];
        var best = reachable.Min(c => distances[c.Place]);
        return reachable.Where(c => distances[c.Place] == best).ToList();
    }
}
