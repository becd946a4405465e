using System.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine;
using PortImpact.Formats.Emit;
using PortImpact.Formats.RuleSets;
using PortImpact.Formats.Model;
using PortImpact.Knowledge;
using Xunit.Abstractions;

namespace PortImpact.Formats.Tests.Kernel;

/// <summary>
/// The engine's predictions held to a real kernel: client — router — server in network namespaces, listeners on
/// the server, the emitted rules loaded at the router (FORWARD / the forward hook) or on the hosts themselves
/// (INPUT / the input hook), and every port probed from the client. Each port the engine predicts blocked must
/// time out and each port it predicts open must answer, before the change and after it. One class per target,
/// so that xUnit runs the two side by side: most of the time is spent waiting for dropped probes to time out.
/// </summary>
public abstract class KernelProofTests(IRuleEmitter target, ITestOutputHelper output)
{
    private static readonly KnowledgeCatalog Catalog = KnowledgeCatalog.BuiltIn;

    // The worm ports, Blaster's shell (4444), RDP, Kerberos, the RPC dynamic range and its ends; NetBIOS, TFTP
    // (Blaster's download), DNS and time over UDP.
    private static readonly int[] TcpPorts = [88, 135, 139, 445, 3389, 4444, 49152, 50000, 65535];
    private static readonly int[] UdpPorts = [53, 69, 123, 135, 137, 138];

    /// <summary>A drop shows as a timeout; an answer inside the lab takes well under a millisecond.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(800);

    private static readonly PortSelection Probed = new(PortSet.Of(TcpPorts), PortSet.Of(UdpPorts));

    public static TheoryData<string> Cases() => new(KernelCase.All.Select(c => c.Name));

    [KernelTheory]
    [MemberData(nameof(Cases))]
    public void Every_port_is_open_or_dropped_on_the_wire_as_the_engine_predicts(string caseName)
    {
        var clock = Stopwatch.StartNew();
        var kernelCase = KernelCase.All.Single(c => c.Name == caseName);
        var model = new ModelReader(Catalog).Parse(kernelCase.ModelYaml, "kernel-lab.yaml");
        var overlay = kernelCase.Overlay(model, kernelCase.Closure);
        var predictions = new FlowPrediction(Catalog).Predict(model, kernelCase.Closure, overlay, "client", "server", Probed);
        Assert.Contains(predictions, p => p.AllowedAfter);
        Assert.Contains(predictions, p => !p.AllowedAfter);
        var changes = ChangeAtPoint.AllOf(ClosureResolver.Resolve(model, Catalog, kernelCase.Closure), overlay);

        using var lab = NetworkLab.Start();
        lab.Listen(TcpPorts, UdpPorts);
        if (kernelCase.ExistingRouterRules.TryGetValue(target, out var existing)) Load(lab, target, lab.Router, existing);
        var setUp = clock.Elapsed;

        // Before the change: this also shows the listeners answer, so that a drop later is the rules' doing.
        AssertWire("before the change", predictions.ToDictionary(Key, p => p.AllowedBefore), lab.Probe(predictions.Select(Key), ProbeTimeout), "");
        var probedBefore = clock.Elapsed;

        var loaded = new List<string>();
        foreach (var change in changes)
        {
            var (place, options) = Where(lab, model, change);
            var rules = ChangeEmitter.Emit(target, change, options);
            Load(lab, target, place, rules);
            // Loading the same script again must leave the same rules (nft replaces its table; iptables refills its chain).
            Load(lab, target, place, rules);
            loaded.Add($"--- {change.Point} ({target.Id}) ---\n{rules}");
        }
        AssertWire("after the change", predictions.ToDictionary(Key, p => p.AllowedAfter), lab.Probe(predictions.Select(Key), ProbeTimeout), string.Join("\n", loaded));
        if (changes.Any(c => c.Point == "host:server"))
        {
            // The host's own rules leave loopback alone: the change is about traffic between hosts.
            AssertWire("over loopback on the changed server", predictions.ToDictionary(Key, _ => true), lab.ProbeLoopback(predictions.Select(Key), ProbeTimeout), string.Join("\n", loaded));
        }

        output.WriteLine($"{caseName} / {target.Id}: lab up {setUp.TotalMilliseconds:F0} ms, before {(probedBefore - setUp).TotalMilliseconds:F0} ms, "
            + $"after {(clock.Elapsed - probedBefore).TotalMilliseconds:F0} ms, total {clock.Elapsed.TotalMilliseconds:F0} ms; {changes.Length} device(s) changed");
    }

    private static string Key(PortPrediction prediction) => $"{prediction.Transport.ToId()}/{prediction.Port}";

    private static (string Namespace, EmitOptions Options) Where(NetworkLab lab, NetworkModel model, ChangeAtPoint change)
    {
        if (!change.OnHost) return (lab.Router, new EmitOptions(Baseline: model.FindPoint(change.Point)?.Baseline));
        var host = model.FindHost(change.Point["host:".Length..]) ?? throw new InvalidOperationException($"no host for {change.Point}");
        var place = host.Name switch
        {
            "client" => lab.Client,
            "server" => lab.Server,
            _ => throw new InvalidOperationException($"the lab has no namespace for {host.Name}"),
        };
        return (place, EmitOptions.ForHost(host.Addresses, host.Firewall));
    }

    private static void Load(NetworkLab lab, IRuleEmitter target, string place, string rules)
    {
        if (target == RuleFormats.Emitter("iptables")) lab.LoadIptables(place, rules); else lab.LoadNft(place, rules);
    }

    private static void AssertWire(string when, IReadOnlyDictionary<string, bool> predicted,
        IReadOnlyDictionary<string, (ProbeOutcome Outcome, string Raw)> wire, string rules)
    {
        var mismatches = new List<string>();
        foreach (var (port, open) in predicted.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!wire.TryGetValue(port, out var seen))
            {
                mismatches.Add($"{port}: not probed");
                continue;
            }
            var expected = open ? ProbeOutcome.Open : ProbeOutcome.Dropped;
            if (seen.Outcome != expected)
            {
                mismatches.Add($"{port}: the engine predicts {(open ? "open" : "blocked")}, the kernel gave {seen.Raw}");
            }
        }
        Assert.True(mismatches.Count == 0, $"{when}, {mismatches.Count} port(s) differ:\n  {string.Join("\n  ", mismatches)}\n{rules}");
    }
}

/// <summary>The emitted <c>iptables-restore --noflush</c> files, loaded with iptables (nf_tables backend).</summary>
public sealed class IptablesKernelProofTests(ITestOutputHelper output) : KernelProofTests(RuleFormats.Emitter("iptables"), output);

/// <summary>The emitted <c>nft -f</c> scripts.</summary>
public sealed class NftKernelProofTests(ITestOutputHelper output) : KernelProofTests(RuleFormats.Emitter("nft"), output);
