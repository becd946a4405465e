using System.Diagnostics;
using System.Globalization;

namespace PortImpact.Formats.Tests.Kernel;

/// <summary>Where a probe ended: through to the listener, dropped on the way, or something no firewall rule here produces.</summary>
internal enum ProbeOutcome
{
    Open,
    Dropped,
    Unexpected,
}

/// <summary>
/// Three network namespaces of this test's own, client (10.99.1.2) — router (10.99.1.1 / 10.99.2.1, forwarding)
/// — server (10.99.2.2), joined by veth pairs made inside them. Each namespace has only a 10.99.0.0/16 route,
/// so no probe can leave the lab. Names are unique per lab so that test runs on one machine do not meet, and
/// <see cref="Dispose"/> always removes the namespaces (and the veth pairs and rules with them).
/// </summary>
internal sealed class NetworkLab : IDisposable
{
    public const string ClientAddress = "10.99.1.2";
    public const string ServerAddress = "10.99.2.2";

    private readonly string _folder;
    private readonly List<string> _namespaces = [];
    private Process? _listener;

    private NetworkLab(string id)
    {
        Client = $"pi-{id}-client";
        Router = $"pi-{id}-router";
        Server = $"pi-{id}-server";
        _folder = Path.Combine(Path.GetTempPath(), $"portimpact-lab-{id}");
        Directory.CreateDirectory(_folder);
    }

    public string Client { get; }
    public string Router { get; }
    public string Server { get; }

    public static NetworkLab Start()
    {
        var lab = new NetworkLab(Guid.NewGuid().ToString("N")[..10]);
        try
        {
            lab.Build();
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    private void Build()
    {
        foreach (var name in new[] { Client, Router, Server })
        {
            Ip("netns", "add", name);
            _namespaces.Add(name);
            Ip("-n", name, "link", "set", "lo", "up");
        }
        // Both ends are created inside the namespaces, so the host's own interface names are never touched.
        Ip("link", "add", "c0", "netns", Client, "type", "veth", "peer", "name", "r0", "netns", Router);
        Ip("link", "add", "s0", "netns", Server, "type", "veth", "peer", "name", "r1", "netns", Router);
        Address(Client, "c0", $"{ClientAddress}/24");
        Address(Router, "r0", "10.99.1.1/24");
        Address(Router, "r1", "10.99.2.1/24");
        Address(Server, "s0", $"{ServerAddress}/24");
        Ip("-n", Client, "route", "add", "10.99.0.0/16", "via", "10.99.1.1");
        Ip("-n", Server, "route", "add", "10.99.0.0/16", "via", "10.99.2.1");
        // /proc/sys/net belongs to the namespace of the process that opens it, so sysctl is not needed.
        Exec(Router, "sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward");
    }

    private static void Address(string name, string device, string address)
    {
        Ip("-n", name, "addr", "add", address, "dev", device);
        Ip("-n", name, "link", "set", device, "up");
    }

    private static void Ip(params string[] arguments) => ProcessRunner.Run("ip", arguments);

    /// <summary>Runs a command inside a namespace of this lab.</summary>
    public string Exec(string name, params string[] command) =>
        ProcessRunner.Run("ip", ["netns", "exec", name, .. command]);

    /// <summary>Loads an <c>iptables-restore --noflush</c> file in a namespace.</summary>
    public void LoadIptables(string name, string rules) => Exec(name, "iptables-restore", "--noflush", Save(rules, "rules.iptables"));

    /// <summary>Loads an <c>nft -f</c> script in a namespace.</summary>
    public void LoadNft(string name, string script) => Exec(name, "nft", "-f", Save(script, "rules.nft"));

    private string Save(string text, string fileName)
    {
        var path = Path.Combine(_folder, $"{_namespaces.Count}-{Guid.NewGuid():N}-{fileName}");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Starts the listener in the server namespace and waits until every port is bound.</summary>
    public void Listen(IEnumerable<int> tcpPorts, IEnumerable<int> udpPorts)
    {
        var script = Save(LabScripts.Listener, "listener.py");
        var info = new ProcessStartInfo(KernelRequirements.Find("ip") ?? "ip")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "netns", "exec", Server, KernelRequirements.Find("python3") ?? "python3", script,
            string.Join(",", tcpPorts), string.Join(",", udpPorts) })
        {
            info.ArgumentList.Add(argument);
        }
        _listener = Process.Start(info) ?? throw new InvalidOperationException("could not start the listener");
        var ready = _listener.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(15)) || ready.Result != "ready")
        {
            throw new InvalidOperationException($"the listener did not start: {_listener.StandardError.ReadToEnd()}");
        }
    }

    /// <summary>Probes the server from the client namespace, all ports at once.</summary>
    public IReadOnlyDictionary<string, (ProbeOutcome Outcome, string Raw)> Probe(IEnumerable<string> targets, TimeSpan timeout) =>
        Probe(Client, ServerAddress, targets, timeout);

    /// <summary>Probes the server's listeners from inside the server namespace over loopback (127.0.0.1).</summary>
    public IReadOnlyDictionary<string, (ProbeOutcome Outcome, string Raw)> ProbeLoopback(IEnumerable<string> targets, TimeSpan timeout) =>
        Probe(Server, "127.0.0.1", targets, timeout);

    private IReadOnlyDictionary<string, (ProbeOutcome Outcome, string Raw)> Probe(string from, string address, IEnumerable<string> targets, TimeSpan timeout)
    {
        var script = Save(LabScripts.Prober, "probe.py");
        var output = Exec(from, [KernelRequirements.Find("python3") ?? "python3", script, address,
            timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture), .. targets]);
        var results = new Dictionary<string, (ProbeOutcome, string)>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', 2);
            var outcome = parts[1] switch
            {
                "open" => ProbeOutcome.Open,
                "timeout" => ProbeOutcome.Dropped,
                _ => ProbeOutcome.Unexpected,
            };
            results[parts[0]] = (outcome, parts[1]);
        }
        return results;
    }

    /// <summary>Stops the listener, then deletes every namespace this lab made; every step is tried even if one fails.</summary>
    public void Dispose()
    {
        if (_listener is not null)
        {
            try
            {
                _listener.StandardInput.Close();
                if (!_listener.WaitForExit(TimeSpan.FromSeconds(2))) _listener.Kill(entireProcessTree: true);
                _listener.WaitForExit();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            _listener.Dispose();
            _listener = null;
        }
        foreach (var name in _namespaces)
        {
            try
            {
                Ip("netns", "del", name);
            }
            catch (InvalidOperationException)
            {
                // Keep deleting the others; a namespace that is already gone is what we wanted.
            }
        }
        _namespaces.Clear();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind harms nothing.
        }
    }
}
