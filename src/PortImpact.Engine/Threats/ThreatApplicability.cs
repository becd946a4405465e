using System.Collections.Immutable;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Knowledge;

namespace PortImpact.Engine.Threats;

/// <summary>
/// Which victims a threat can infect and which ways of its steps each one offers, from the catalog: the bulletin's
/// operating systems and roles (a threat without a list of its own infects any Windows host, never Samba), and the
/// ways only some victims offer (Welchia's WebDAV exploit needs IIS 5.0). A host without <c>os:</c> runs the
/// catalog's current Windows.
/// </summary>
public sealed class ThreatApplicability(KnowledgeCatalog catalog)
{
    private readonly Dictionary<(ThreatStep, long), PortSelection> _ports = new();

    public bool Applies(Threat threat, HostGroup victim)
    {
        if (!threat.VictimRoles.IsEmpty && !threat.VictimRoles.Any(victim.HasRole)) return false;
        if (!Matches(new Applicability(threat.VictimOs, []), victim)) return false;
        // Some route must be open to this victim: every one of its steps has a way the victim offers.
        return threat.Routes.Any(route => threat.StepsOf(route).All(step => !PortsFor(step, victim).IsEmpty));
    }

    /// <summary>Which conditional ways of the threat's steps the victim offers, as bits in step order: victims with equal masks are alike.</summary>
    public long Mask(Threat threat, HostGroup victim)
    {
        long mask = 0;
        var bit = 0;
        foreach (var step in threat.Steps)
        {
            foreach (var way in step.Conditional)
            {
                if (bit < 63 && Matches(way.When, victim)) mask |= 1L << bit;
                bit++;
            }
        }
        return mask;
    }

    /// <summary>The ports of a step this victim offers; the same object for the same victim kind, so evaluations can be remembered by identity.</summary>
    public PortSelection PortsFor(ThreatStep step, HostGroup? victim)
    {
        if (step.Conditional.IsEmpty) return step.Ports;
        long mask = 0;
        for (var i = 0; i < step.Conditional.Length && i < 63; i++)
        {
            if (victim is not null && Matches(step.Conditional[i].When, victim)) mask |= 1L << i;
        }
        if (!_ports.TryGetValue((step, mask), out var ports))
        {
            ports = step.Unconditional;
            for (var i = 0; i < step.Conditional.Length && i < 63; i++)
            {
                if ((mask & (1L << i)) != 0) ports = ports.Union(step.Conditional[i].Ports);
            }
            _ports[(step, mask)] = ports;
        }
        return ports;
    }

    private bool Matches(Applicability when, HostGroup victim)
    {
        if (!when.Roles.IsDefaultOrEmpty && !when.Roles.Any(victim.HasRole)) return false;
        var os = catalog.OsOf(victim);
        if (when.Os.IsDefaultOrEmpty) return os is null || os.Has("windows");
        return os is not null && when.Os.Contains(os.Id, StringComparer.OrdinalIgnoreCase);
    }
}
