namespace PortImpact.Formats.Tests.Kernel;

/// <summary>
/// The two small programs the lab runs inside its namespaces, in Python because python3 is on every Debian
/// machine and starts in a few milliseconds. Both stop by themselves: the listener when its standard input
/// closes (the test ended or died) or after two minutes, the prober after its one round.
/// </summary>
internal static class LabScripts
{
    /// <summary>Listens on the TCP ports given (accepts and closes) and echoes every datagram on the UDP ports given.</summary>
    public const string Listener = """
        import os, selectors, signal, socket, sys, threading

        signal.alarm(120)
        threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
        tcp = [int(p) for p in sys.argv[1].split(",") if p]
        udp = [int(p) for p in sys.argv[2].split(",") if p]
        selector = selectors.DefaultSelector()
        for port in tcp:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("0.0.0.0", port))
            s.listen(64)
            s.setblocking(False)
            selector.register(s, selectors.EVENT_READ, "tcp")
        for port in udp:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind(("0.0.0.0", port))
            s.setblocking(False)
            selector.register(s, selectors.EVENT_READ, "udp")
        print("ready", flush=True)
        while True:
            for key, _ in selector.select():
                try:
                    if key.data == "tcp":
                        connection, _ = key.fileobj.accept()
                        connection.close()
                    else:
                        data, peer = key.fileobj.recvfrom(2048)
                        key.fileobj.sendto(data, peer)
                except OSError:
                    pass
        """;

    /// <summary>
    /// Probes every <c>tcp/PORT</c> and <c>udp/PORT</c> given at once: a TCP connect, or a datagram and its
    /// echo, each within the timeout. Prints <c>tcp/445 open</c>, <c>… timeout</c> (dropped on the way),
    /// <c>… refused</c> (a reset or port unreachable came back) or <c>… error:ERRNO</c>.
    /// </summary>
    public const string Prober = """
        import socket, sys
        from concurrent.futures import ThreadPoolExecutor

        host, timeout, targets = sys.argv[1], float(sys.argv[2]), sys.argv[3:]

        def probe(target):
            transport, port = target.split("/")
            kind = socket.SOCK_STREAM if transport == "tcp" else socket.SOCK_DGRAM
            s = socket.socket(socket.AF_INET, kind)
            s.settimeout(timeout)
            try:
                if transport == "tcp":
                    s.connect((host, int(port)))
                    return "open"
                s.sendto(b"portimpact", (host, int(port)))
                data, _ = s.recvfrom(2048)
                return "open" if data == b"portimpact" else "garbled"
            except socket.timeout:
                return "timeout"
            except ConnectionRefusedError:
                return "refused"
            except OSError as error:
                return "error:%d" % error.errno
            finally:
                s.close()

        with ThreadPoolExecutor(max_workers=len(targets)) as pool:
            for target, result in zip(targets, pool.map(probe, targets)):
                print(target, result)
        """;
}
