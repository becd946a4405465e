using System.Text;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Policies;

namespace PortImpact.Engine.Threats;

/// <summary>
/// Tells when two attacker positions must get the same answers against one site's victims: the routes
/// both ways, before and after the change, cross the same policies in the same directions, and the two
/// attackers' addresses fall in the same class at each of them and at the victims' host firewalls. Only
/// the names of the points differ (the attacker's own WAN router), and <see cref="Rename"/> maps those.
/// With 200 sites, this turns 199 spoke positions against a site into one evaluation.
/// </summary>
public sealed class PositionEquivalence(PathEvaluator before, PathEvaluator after, VictimClasses classes)
{
    /// <summary>The signature of a position against a site, and the names of the points in signature order.</summary>
    public (string Signature, IReadOnlyList<string> Names) Describe(Party attacker, string victimPlace, IEnumerable<CompiledPolicy> victimFirewalls)
    {
        var signature = new StringBuilder();
        foreach (var firewall in victimFirewalls)
        {
            signature.Append(firewall.ClassOf(attacker.Addresses)).Append(',');
        }
        signature.Append('|');
        var names = new List<string>();
        foreach (var evaluator in new[] { before, after })
        {
            foreach (var (from, to) in new[] { (attacker.Place, victimPlace), (victimPlace, attacker.Place) })
            {
                var route = evaluator.RouteOf(from, to);
                if (route is null)
                {
                    signature.Append("none|");
                    continue;
                }
                foreach (var hop in route)
                {
                    signature.Append(classes.PolicyId(hop.Policy)).Append('/').Append((int)hop.Direction).Append('/')
                        .Append(hop.Policy.ClassOf(attacker.Addresses)).Append(';');
                    names.Add(hop.Name);
                }
                signature.Append('|');
            }
        }
        return (signature.ToString(), names);
    }

    /// <summary>
    /// Maps the point names of one position onto another's, hop for hop; null when one name would have to
    /// stand for two, in which case the caller evaluates instead of copying.
    /// </summary>
    public static Dictionary<string, string>? Rename(IReadOnlyList<string> from, IReadOnlyList<string> to)
    {
        if (from.Count != to.Count) return null;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < from.Count; i++)
        {
            if (map.TryGetValue(from[i], out var known))
            {
                if (known != to[i]) return null;
            }
            else
            {
                map[from[i]] = to[i];
            }
        }
        return map;
    }
}
