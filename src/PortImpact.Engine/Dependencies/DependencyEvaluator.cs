using System.Collections.Immutable;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Results;
using PortImpact.Knowledge;

namespace PortImpact.Engine.Dependencies;

/// <summary>
/// The state of a dependency, the blockages that made it so, and for a replication dependency the servers whose
/// changes do not reach the client (inbound) or that do not receive its changes (outbound).
/// </summary>
public sealed record DependencyOutcome(DependencyState State, ImmutableArray<Blockage> Blockages, ImmutableArray<string> Unreached)
{
    public static readonly DependencyOutcome Works = new(DependencyState.Works, [], []);
}

/// <summary>
/// Evaluates dependencies of every shape: one client and server; a failover that any one of its servers keeps;
/// a replication dependency, decided on the replication topology of its capability. That topology holds every
/// host with a replication dependency of the capability: the writable ones (inbound and outbound) and the
/// read-only ones (inbound only), and a connection "A pulls from B" for every pair that the capability's
/// requirement lets through, whether or not the two are neighbours, since the KCC bridges all site links by
/// default and routes around a partner it cannot reach. Changes travel only through writable servers.
/// </summary>
public sealed class DependencyEvaluator
{
    private readonly KnowledgeCatalog _catalog;
    private readonly RequirementEvaluator _requirements;
    private readonly IReadOnlyDictionary<string, Party> _hosts;
    private readonly Dictionary<string, (List<string> Writable, List<string> ReadOnly)> _topologies = new(StringComparer.Ordinal);
    private readonly Dictionary<(PathEvaluator, string), ReplicationState> _states = new();

    public DependencyEvaluator(KnowledgeCatalog catalog, RequirementEvaluator requirements, IReadOnlyDictionary<string, Party> hosts, IEnumerable<Dependency> dependencies)
    {
        _catalog = catalog;
        _requirements = requirements;
        _hosts = hosts;
        foreach (var group in dependencies.Where(d => d.Replication is not null).GroupBy(d => d.Capability, StringComparer.Ordinal))
        {
            var writable = group.Where(d => d.Replication == ReplicationWay.Outbound).Select(d => d.Client).Distinct().ToList();
            var readOnly = group.Select(d => d.Client).Distinct().Where(c => !writable.Contains(c)).ToList();
            // Sources named as partners are writable even when they replicate with nobody themselves.
            foreach (var server in group.SelectMany(d => d.Servers).Distinct())
            {
                if (!writable.Contains(server)) writable.Add(server);
                readOnly.Remove(server);
            }
            _topologies[group.Key] = (writable, readOnly);
        }
    }

    public RequirementEvaluator Requirements => _requirements;

    public DependencyOutcome Evaluate(Dependency dependency, PathEvaluator paths)
    {
        if (dependency.Replication is { } way) return Replication(dependency, way, paths);
        var requirement = _catalog.Capabilities[dependency.Capability].Requirement;
        var client = _hosts[dependency.Client];
        if (dependency.Kind != DependencyKind.Failover)
        {
            var outcome = _requirements.Evaluate(requirement, client, _hosts[dependency.Server], paths);
            return outcome.State == DependencyState.Works && outcome.Blockages.IsEmpty ? DependencyOutcome.Works
                : new DependencyOutcome(outcome.State, outcome.Blockages, []);
        }
        // Any one answering server keeps a failover; the locator tries them until one answers.
        var best = DependencyState.Broken;
        var blockages = new List<Blockage>();
        foreach (var server in dependency.Servers)
        {
            var outcome = Shared(dependency.Capability, requirement, client, _hosts[server], paths);
            if (outcome.State == DependencyState.Works) return DependencyOutcome.Works;
            if (outcome.State < best) best = outcome.State;
            blockages.AddRange(outcome.Blockages);
        }
        return new DependencyOutcome(best, [.. blockages.Distinct()], []);
    }

    private readonly Dictionary<(PathEvaluator, string, string, object, int, string), RequirementOutcome> _shared = new();

    /// <summary>
    /// A failover asks every member group about every other DC: 20,000 groups × 200 DCs on a large model. Members of
    /// one place whose host firewalls stop nothing, with no address-naming point on the way to the server,
    /// get the same answer, so it is computed once for them.
    /// </summary>
    private RequirementOutcome Shared(string capability, Core.Knowledge.Requirement requirement, Party client, Party server, PathEvaluator paths)
    {
        var routes = new[] { paths.RouteOf(client.Place, server.Place), paths.RouteOf(server.Place, client.Place) };
        if (client.Host is null || routes.Any(r => r is null || r.Any(hop => hop.Policy.DistinguishesAddresses)))
        {
            return _requirements.Evaluate(requirement, client, server, paths);
        }
        var firewall = paths.Scenario.HostFirewall(client.Name);
        // A reason never names the client's own firewall when it stops nothing, so the shared answer reads right for every member.
        if (!firewall.IsOpen(Core.Model.TrafficDirection.Out) || !firewall.IsOpen(Core.Model.TrafficDirection.In))
        {
            return _requirements.Evaluate(requirement, client, server, paths);
        }
        var key = (paths, capability, client.Place, (object)firewall, firewall.ClassOf(client.Addresses), server.Name);
        if (!_shared.TryGetValue(key, out var outcome))
        {
            outcome = _requirements.Evaluate(requirement, client, server, paths);
            _shared[key] = outcome;
        }
        return outcome;
    }

    /// <summary>
    /// The servers whose connections restore a dependency to the state it had under <paramref name="before"/>, each as
    /// (client, server) of the capability's requirement: a failover's first server in its best state; a replication
    /// dependency's connections with its preferred partners (the KCC's own choice) that worked.
    /// </summary>
    public IEnumerable<(string Client, string Server)> Connections(Dependency dependency, PathEvaluator before)
    {
        var requirement = _catalog.Capabilities[dependency.Capability].Requirement;
        if (dependency.Replication is { } way)
        {
            foreach (var partner in dependency.Servers)
            {
                var (client, server) = way == ReplicationWay.Inbound ? (dependency.Client, partner) : (partner, dependency.Client);
                if (_requirements.Evaluate(requirement, _hosts[client], _hosts[server], before).State != DependencyState.Broken)
                {
                    yield return (client, server);
                }
            }
            yield break;
        }
        if (dependency.Kind != DependencyKind.Failover)
        {
            yield return (dependency.Client, dependency.Server);
            yield break;
        }
        var state = Evaluate(dependency, before).State;
        if (state == DependencyState.Broken) yield break;
        foreach (var server in dependency.Servers)
        {
            if (_requirements.Evaluate(requirement, _hosts[dependency.Client], _hosts[server], before).State == state)
            {
                yield return (dependency.Client, server);
                yield break;
            }
        }
    }

    private DependencyOutcome Replication(Dependency dependency, ReplicationWay way, PathEvaluator paths)
    {
        if (!_states.TryGetValue((paths, dependency.Capability), out var state))
        {
            var (writable, readOnly) = _topologies[dependency.Capability];
            state = new ReplicationState(this, dependency.Capability, writable, readOnly, paths);
            _states[(paths, dependency.Capability)] = state;
        }
        return state.Outcome(dependency, way);
    }

    /// <summary>
    /// Forgets the topologies computed under <paramref name="paths"/>: the recommender asks with thousands of
    /// short-lived scenarios, and each topology is a matrix of every pair of servers.
    /// </summary>
    public void Forget(PathEvaluator paths)
    {
        foreach (var key in _states.Keys.Where(k => ReferenceEquals(k.Item1, paths)).ToList()) _states.Remove(key);
        foreach (var key in _shared.Keys.Where(k => ReferenceEquals(k.Item1, paths)).ToList()) _shared.Remove(key);
    }

    /// <summary>One capability's replication topology under one scenario: who can pull from whom, and how well.</summary>
    private sealed class ReplicationState
    {
        private readonly DependencyEvaluator _owner;
        private readonly List<string> _nodes;
        private readonly int _writable;
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly PathEvaluator _paths;
        // _pull[i, j]: how well node i pulls changes from writable node j (null until asked).
        private readonly Core.Knowledge.Requirement _requirement;
        private readonly RequirementOutcome?[,] _pull;

        public ReplicationState(DependencyEvaluator owner, string capability, List<string> writable, List<string> readOnly, PathEvaluator paths)
        {
            _owner = owner;
            _nodes = [.. writable, .. readOnly];
            _writable = writable.Count;
            for (var i = 0; i < _nodes.Count; i++) _index[_nodes[i]] = i;
            _paths = paths;
            _requirement = owner._catalog.Capabilities[capability].Requirement;
            _pull = new RequirementOutcome?[_nodes.Count, _writable];
        }

        private RequirementOutcome Pull(int client, int source)
        {
            if (_pull[client, source] is { } known) return known;
            var outcome = _owner._requirements.Evaluate(_requirement, _owner._hosts[_nodes[client]], _owner._hosts[_nodes[source]], _paths);
            _pull[client, source] = outcome;
            return outcome;
        }

        public DependencyOutcome Outcome(Dependency dependency, ReplicationWay way)
        {
            var x = _index[dependency.Client];
            var works = Reached(x, way, DependencyState.Works);
            var missing = Others(x).Where(i => !works[i]).ToList();
            if (missing.Count == 0) return DependencyOutcome.Works;
            var degraded = Reached(x, way, DependencyState.Degraded);
            var unreached = Others(x).Where(i => !degraded[i]).ToList();
            var state = unreached.Count == 0 ? DependencyState.Degraded : DependencyState.Broken;
            // The blockages shown are those on the client's own connections with its partners, else on any of its connections.
            var blockages = new List<Blockage>();
            foreach (var partner in dependency.Servers.Where(_index.ContainsKey).Select(p => _index[p]).Where(p => p < _writable))
            {
                blockages.AddRange(way == ReplicationWay.Inbound ? Pull(x, partner).Blockages : x < _writable ? Pull(partner, x).Blockages : []);
            }
            if (blockages.Count == 0)
            {
                foreach (var other in Others(x))
                {
                    blockages.AddRange(way == ReplicationWay.Inbound ? Pull(x, other).Blockages : other < _writable && x < _writable ? Pull(other, x).Blockages : []);
                }
            }
            return new DependencyOutcome(state, [.. blockages.Distinct()], [.. (state == DependencyState.Broken ? unreached : missing).Select(i => _nodes[i])]);
        }

        /// <summary>The writable servers a client's inbound (or outbound) dependency is about.</summary>
        private IEnumerable<int> Others(int x) => Enumerable.Range(0, _writable).Where(i => i != x);

        /// <summary>
        /// Inbound: which writable servers' changes reach <paramref name="x"/> over connections no worse than
        /// <paramref name="limit"/>, passing only through writable servers. Outbound: which writable servers receive x's.
        /// </summary>
        private bool[] Reached(int x, ReplicationWay way, Results.DependencyState limit)
        {
            var reached = new bool[_nodes.Count];
            reached[x] = true;
            var queue = new Queue<int>();
            queue.Enqueue(x);
            while (queue.Count > 0)
            {
                var at = queue.Dequeue();
                // Only a writable server passes changes on; a read-only one is an end.
                if (at >= _writable && at != x) continue;
                for (var other = 0; other < _writable; other++)
                {
                    if (reached[other]) continue;
                    var state = way == ReplicationWay.Inbound
                        ? (at < _nodes.Count ? Pull(at, other).State : DependencyState.Broken)
                        : at < _writable ? Pull(other, at).State : DependencyState.Broken;
                    if (state > limit) continue;
                    reached[other] = true;
                    queue.Enqueue(other);
                }
            }
            return reached;
        }
    }
}
