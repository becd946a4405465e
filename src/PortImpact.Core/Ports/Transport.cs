namespace PortImpact.Core.Ports;

/// <summary>The layer-4 protocols the tool reasons about. Windows functions and worms use only these two.</summary>
public enum Transport
{
    Tcp,
    Udp,
}

public static class TransportNames
{
    public static string ToId(this Transport transport) => transport == Transport.Tcp ? "tcp" : "udp";

    public static bool TryParse(string text, out Transport transport)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "tcp": transport = Transport.Tcp; return true;
            case "udp": transport = Transport.Udp; return true;
            default: transport = default; return false;
        }
    }

    public static readonly IReadOnlyList<Transport> All = [Transport.Tcp, Transport.Udp];
}
