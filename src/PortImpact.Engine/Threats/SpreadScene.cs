using System.Collections.Immutable;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Model;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Policies;
using PortImpact.Engine.Results;

namespace PortImpact.Engine.Threats;

/// <summary>
/// A worm that compromises a victim attacks from it next. From the starting position (a host of the model, an
/// unnamed machine of a site or zone, or <c>lan</c>: one in every site at once), each wave tries every host the threat
/// applies to that is not yet infected from every host infected in the wave before, until nothing new falls. An
/// infected host attacks with its own addresses and through its own host firewall. Answers are remembered per threat
/// across starting positions, so the worst case over every position costs little more than one wave from each.
/// Pure: no I/O; the same model gives the same waves in the same order.
/// </summary>
public sealed class SpreadScene
{
    private readonly NetworkModel _model;
    private readonly Scenario _scenario;
    private readonly PathEvaluator _paths;
    private readonly ThreatApplicability _applicability;
    private readonly ThreatEvaluator _chains;
    private readonly Dictionary<string, ThreatState> _threats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CompiledPolicy>> _namingPoints = new(StringComparer.Ordinal);
    private readonly Dictionary<Party, int> _signatures = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _signatureIds = new(StringComparer.Ordinal);
    private readonly Dictionary<CompiledPolicy, int> _wallIds = new();
    private readonly PolicyLikeness _likeness = new();
    private readonly Dictionary<(string, string, int, int), int> _routes = new();
    private readonly Dictionary<Party, Dictionary<string, int>> _routeSignatures = new(ReferenceEqualityComparer.Instance);
    private readonly List<CompiledPolicy> _victimWalls;
    private readonly List<string> _victimPlaces;
    private readonly Dictionary<string, Party> _parties = new(StringComparer.Ordinal);

    internal SpreadScene(NetworkModel model, Scenario scenario, ThreatApplicability applicability)
    {
        _model = model;
        _scenario = scenario;
        _paths = new PathEvaluator(new Topology(model), scenario);
        _applicability = applicability;
        _chains = new ThreatEvaluator(_paths, applicability);
        Positions = new AttackerPositions(model);
        var victims = model.Hosts.Where(h => !model.FindPlace(h.Place)!.External).ToList();
        _victimWalls = [.. victims.Select(h => scenario.HostFirewall(h.Name)).Where(w => w.DistinguishesAddresses).Distinct()];
        _victimPlaces = [.. victims.Select(h => h.Place).Distinct(StringComparer.Ordinal)];
    }

    public AttackerPositions Positions { get; }

    /// <summary>The hosts of the model a threat can infect (not in an external zone, and its applicability says so).</summary>
    public IReadOnlyList<HostGroup> Candidates(Threat threat) => StateOf(threat).Candidates;

    /// <summary>The wave; <paramref name="explain"/> false leaves out what let each victim through, when only the size matters.</summary>
    public SpreadResult Spread(Threat threat, string from, bool explain = true)
    {
        var state = StateOf(threat);
        var origins = Origins(_model, Positions, from) ?? throw new KeyNotFoundException(from);
        var infected = origins.Select(o => o.Attacker.Host is { } host ? (PartyOf(host), o.Name) : o).ToList();
        var reached = ImmutableArray.CreateBuilder<SpreadVictim>();
        var exploited = new SortedSet<string>(StringComparer.Ordinal);
        var fallen = new HashSet<string>(infected.Select(i => i.Name), StringComparer.Ordinal);
        var peers = _model.FindHost(from) is { Count: > 1 } group && _applicability.Applies(threat, group) ? group : null;
        var waveStart = 0;
        for (var hop = 1; waveStart < infected.Count; hop++)
        {
            var attackers = Representatives(infected.Skip(waveStart)).ToList();
            waveStart = infected.Count;
            if (peers is not null && hop == 1)
            {
                // Patient zero's own group: its other members share its place and firewall, and fall to it or not at all.
                var self = PartyOf(peers);
                var outcome = Evaluate(state, threat, self, self);
                if (outcome.Exposure == Exposure.Exposed) reached.Add(new SpreadVictim(peers.Name, 1, peers.Name, explain ? _paths.Crossings(self, self) : []) { Machines = peers.Count - 1 });
                else if (outcome.Exploited) exploited.Add(peers.Name);
            }
            // Victims alike (see Likeness) get the same answer from this wave's attackers when these all stand inside
            // the network, where the likeness looks; so each kind of victim is tried once per wave.
            var answers = attackers.All(a => !_model.FindPlace(a.Attacker.Place)!.External) ? new Dictionary<int, (int Attacker, bool Exploited)>() : null;
            foreach (var victim in state.Candidates)
            {
                if (fallen.Contains(victim.Name)) continue;
                var target = PartyOf(victim);
                var kind = answers is null ? -1 : state.KindOf(victim, this);
                if (answers is null || !answers.TryGetValue(kind, out var answer))
                {
                    answer = (-1, false);
                    // Hosts infected in earlier waves already failed against this victim, and nothing has changed since.
                    for (var index = 0; index < attackers.Count; index++)
                    {
                        var attacker = attackers[index].Attacker;
                        if (!threat.SpreadsFromInternet && attacker.Host is null && Positions.External.Contains(attacker.Place)) continue;
                        var outcome = Evaluate(state, threat, attacker, target);
                        if (outcome.Exposure == Exposure.Exposed)
                        {
                            answer = (index, false);
                            break;
                        }
                        answer.Exploited |= outcome.Exploited;
                    }
                    answers?.Add(kind, answer);
                }
                if (answer.Attacker >= 0)
                {
                    var (attacker, name) = attackers[answer.Attacker];
                    fallen.Add(victim.Name);
                    exploited.Remove(victim.Name);
                    infected.Add((target, victim.Name));
                    reached.Add(new SpreadVictim(victim.Name, hop, name, explain ? _paths.Crossings(attacker, target) : []) { Machines = victim.Count });
                }
                else if (answer.Exploited)
                {
                    exploited.Add(victim.Name);
                }
            }
        }
        var notReached = state.Candidates.Where(c => !fallen.Contains(c.Name)).Select(c => c.Name).ToImmutableArray();
        return new SpreadResult(threat.Id, from, reached.ToImmutable(), notReached, [.. exploited.Where(e => !fallen.Contains(e))]);
    }

    private ThreatState StateOf(Threat threat)
    {
        if (_threats.TryGetValue(threat.Id, out var state)) return state;
        var candidates = _model.Hosts.Where(h => !_model.FindPlace(h.Place)!.External && _applicability.Applies(threat, h)).ToList();
        state = new ThreatState(threat, candidates);
        _threats[threat.Id] = state;
        return state;
    }

    /// <summary>
    /// Infected hosts of one place behind the same host firewall, in the same address class at every point on the way
    /// to any victim and in every victim's firewall that names addresses, attack alike: one of them stands for all (a
    /// site's hundred PCs are one attacker).
    /// </summary>
    private IEnumerable<(Party Attacker, string Name)> Representatives(IEnumerable<(Party Attacker, string Name)> wave)
    {
        var seen = new HashSet<(string, CompiledPolicy, int, int)>();
        foreach (var entry in wave)
        {
            var wall = entry.Attacker.Host is null ? null : _scenario.HostFirewall(entry.Attacker.Name);
            if (wall is null || seen.Add((entry.Attacker.Place, wall, wall.ClassOf(entry.Attacker.Addresses), Signature(entry.Attacker))))
            {
                yield return entry;
            }
        }
    }

    /// <summary>Hosts that no policy on the way tells apart get the same answer, as attackers and as victims.</summary>
    private (Exposure Exposure, bool Exploited) Evaluate(ThreatState state, Threat threat, Party attacker, Party victim)
    {
        // The same two parties meet again in the waves from other starting positions: found by identity first.
        if (state.Pairs.TryGetValue(new PartyPair(attacker, victim), out var seen)) return seen;
        var key = KeyOf(threat, attacker, victim);
        if (!state.Memo.TryGetValue(key, out var answer))
        {
            var outcome = _chains.Evaluate(threat, attacker, victim);
            answer = (outcome.Exposure, outcome.Exploited);
            state.Memo[key] = answer;
        }
        state.Pairs[new PartyPair(attacker, victim)] = answer;
        return answer;
    }

    /// <summary>
    /// What the answer can depend on: how every point on the way there and back and the two host firewalls decide
    /// between the two parties (<see cref="PolicyLikeness"/>), and the ways the victim offers.
    /// </summary>
    private SpreadKey KeyOf(Threat threat, Party attacker, Party victim)
    {
        var attackerWall = attacker.Host is null ? -1 : _likeness.Of(_scenario.HostFirewall(attacker.Name), attacker.Addresses, victim.Addresses);
        var victimWall = _likeness.Of(_scenario.HostFirewall(victim.Name), attacker.Addresses, victim.Addresses);
        return new SpreadKey(Route(attacker, victim), attackerWall, victimWall,
            victim.Host is null ? 0 : _applicability.Mask(threat, victim.Host), ReferenceEquals(attacker.Host, victim.Host));
    }

    /// <summary>How the points between the two parties decide, there and back; the same for parties of the same classes.</summary>
    private int Route(Party attacker, Party victim)
    {
        var key = (attacker.Place, victim.Place, RouteSignature(attacker, victim.Place), RouteSignature(victim, attacker.Place));
        if (_routes.TryGetValue(key, out var known)) return known;
        var text = new System.Text.StringBuilder();
        foreach (var route in new[] { _paths.RouteOf(attacker.Place, victim.Place), _paths.RouteOf(victim.Place, attacker.Place) })
        {
            if (route is null)
            {
                text.Append("none");
            }
            else
            {
                foreach (var hop in route)
                {
                    var decided = _likeness.Of(hop, attacker.Addresses, victim.Addresses);
                    if (decided >= 0) text.Append(decided).Append(',');
                }
            }
            text.Append('|');
        }
        var id = _likeness.Intern(text.ToString());
        _routes[key] = id;
        return id;
    }

    /// <summary>The classes of a party's addresses at the address-naming points between its place and another, both ways.</summary>
    private int RouteSignature(Party party, string other)
    {
        if (!_routeSignatures.TryGetValue(party, out var byPlace)) _routeSignatures[party] = byPlace = new(StringComparer.Ordinal);
        if (byPlace.TryGetValue(other, out var known)) return known;
        var points = (_paths.RouteOf(party.Place, other) ?? []).Concat(_paths.RouteOf(other, party.Place) ?? [])
            .Select(h => h.Policy).Where(p => p.DistinguishesAddresses);
        var id = Intern(string.Join(",", points.Select(p => p.ClassOf(party.Addresses))));
        byPlace[other] = id;
        return id;
    }

    /// <summary>
    /// The classes of a party's addresses at every address-naming point between its place and any place that holds
    /// victims, and in every victim's firewall that names addresses: parties with the same number attack alike.
    /// </summary>
    private int Signature(Party party)
    {
        if (_signatures.TryGetValue(party, out var known)) return known;
        if (!_namingPoints.TryGetValue(party.Place, out var points))
        {
            points = [.. _victimPlaces
                .SelectMany(other => (_paths.RouteOf(party.Place, other) ?? []).Concat(_paths.RouteOf(other, party.Place) ?? []))
                .Select(h => h.Policy).Where(p => p.DistinguishesAddresses).Distinct()];
            _namingPoints[party.Place] = points;
        }
        var id = Intern(string.Join(",", points.Concat(_victimWalls).Select(p => p.ClassOf(party.Addresses))));
        _signatures[party] = id;
        return id;
    }

    private int Intern(string signature)
    {
        if (!_signatureIds.TryGetValue(signature, out var id)) _signatureIds[signature] = id = _signatureIds.Count;
        return id;
    }

    /// <summary>
    /// Hosts that the scene cannot tell apart, as attacker or as victim, for this threat: same place, same host
    /// firewall and class in it, same classes everywhere addresses are named, the same ways offered, as many members.
    /// The waves from two of them are the same but for swapping the two, so one of them answers for both.
    /// </summary>
    public string Likeness(Threat threat, HostGroup host) => $"{VictimKind(threat, host)}|{host.Count}";

    private string VictimKind(Threat threat, HostGroup host)
    {
        var wall = _scenario.HostFirewall(host.Name);
        if (!_wallIds.TryGetValue(wall, out var wallId)) _wallIds[wall] = wallId = _wallIds.Count;
        return $"{host.Place}|{wallId}|{wall.ClassOf(host.Addresses)}|{Signature(PartyOf(host))}|{_applicability.Mask(threat, host)}";
    }

    /// <summary>One party per host, so that what the chain evaluator and the signatures remember per party is found again.</summary>
    private Party PartyOf(HostGroup host)
    {
        if (!_parties.TryGetValue(host.Name, out var party)) _parties[host.Name] = party = Party.Of(host);
        return party;
    }

    /// <summary>Two parties by identity: parties are long-lived here (one per host), and hashing a record's fields costs.</summary>
    private readonly record struct PartyPair(Party Attacker, Party Victim)
    {
        public bool Equals(PartyPair other) => ReferenceEquals(Attacker, other.Attacker) && ReferenceEquals(Victim, other.Victim);

        public override int GetHashCode() => HashCode.Combine(
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Attacker), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Victim));
    }

    private readonly record struct SpreadKey(int Route, int AttackerWall, int VictimWall, long Mask, bool Same);

    private sealed record ThreatState(Threat Threat, List<HostGroup> Candidates)
    {
        private readonly Dictionary<string, int> _kinds = new(StringComparer.Ordinal);

        public Dictionary<SpreadKey, (Exposure, bool)> Memo { get; } = new();

        public Dictionary<PartyPair, (Exposure, bool)> Pairs { get; } = new();

        /// <summary>A number per kind of victim (<see cref="Likeness"/> without the count), remembered per host.</summary>
        public int KindOf(HostGroup host, SpreadScene scene)
        {
            if (_kinds.TryGetValue(host.Name, out var kind)) return kind;
            kind = scene.Intern(scene.VictimKind(Threat, host));
            _kinds[host.Name] = kind;
            return kind;
        }
    }

    internal static List<(Party Attacker, string Name)>? Origins(NetworkModel model, AttackerPositions positions, string from)
    {
        if (model.FindHost(from) is { } host) return [(Party.Of(host), host.Name)];
        var position = AttackerPosition.Parse(from);
        if (position.Kind == AttackerPositionKind.Lan) return [.. positions.Sites.Select(site => (positions.Of(from, site), $"{from}@{site}"))];
        var place = position.Place!;
        if (model.FindPlace(place) is not { } found || found.IsSite != (position.Kind == AttackerPositionKind.Site)) return null;
        return [(positions.Of(from, place), from)];
    }
}
