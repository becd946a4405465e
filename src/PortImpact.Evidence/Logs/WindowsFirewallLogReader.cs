using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Ports;

namespace PortImpact.Evidence.Logs;

/// <summary>What a Windows Firewall log held: its records, and the lines it skipped, lost or could not read.</summary>
public sealed class WindowsFirewallLog
{
    /// <summary>How many bad lines are kept with their place and reason; the rest are only counted.</summary>
    public const int BadLinesKept = 20;

    public List<LogRecord> Records { get; } = [];

    public List<BadLine> FirstBadLines { get; } = [];

    public int BadLines { get; set; }

    /// <summary>Lines that are no TCP or UDP connection (ICMP, IGMP, the CLOSE of an XP-era log): read, not kept.</summary>
    public int Skipped { get; set; }

    /// <summary>Events the firewall itself says it did not log (INFO-EVENTS-LOST lines).</summary>
    public long EventsLost { get; set; }
}

/// <summary>
/// <c>pfirewall.log</c>, the Windows Defender Firewall log ([MS-GPFAS] 2.2.2 LogFilePath; the W3C-style layout
/// Windows writes since XP SP2). Columns are mapped by the <c>#Fields:</c> header, which may come again after a
/// restart with other columns (newer builds add <c>pid</c>). NUL padding of a pre-allocated live file, CR and blank
/// lines are ignored; a line that cannot be read is counted and its place kept, never guessed at.
/// Who started a connection: an ALLOW (or XP's OPEN) line records a connection as Windows' filtering platform
/// permitted it, from src to dst, so src is the client. A DROP line records one dropped packet: its sender is taken
/// as the client, and the record says the initiator was inferred (a dropped packet may answer a connection).
/// </summary>
public static class WindowsFirewallLogReader
{
    private static readonly string[] Required = ["date", "time", "action", "protocol", "src-ip", "dst-ip", "src-port", "dst-port"];

    public static WindowsFirewallLog Read(TextReader reader)
    {
        var log = new WindowsFirewallLog();
        Dictionary<string, int>? columns = null;
        var number = 0;
        while (reader.ReadLine() is { } raw)
        {
            number++;
            var line = raw.Contains('\0') || raw.Contains('\r') ? raw.Replace("\0", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal) : raw;
            if (line.Length == 0) continue;
            if (line[0] == '#')
            {
                if (line.StartsWith("#Fields:", StringComparison.Ordinal)) columns = Fields(line);
                continue;
            }
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns is null)
            {
                Bad(log, number, 1, Messages.Format("EvidenceNoFieldsHeader"));
                continue;
            }
            Record(log, columns, fields, number);
        }
        return log;
    }

    private static Dictionary<string, int>? Fields(string header)
    {
        var names = header["#Fields:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Length; i++) columns.TryAdd(names[i], i);
        return Required.All(columns.ContainsKey) ? columns : null;
    }

    private static void Record(WindowsFirewallLog log, Dictionary<string, int> columns, string[] fields, int number)
    {
        string? Field(string name) => columns.TryGetValue(name, out var i) && i < fields.Length ? fields[i] : null;
        // Every column a record needs must be there; trailing ones (info, path, pid) may be missing.
        var needed = Required.Max(name => columns[name]) + 1;
        if (fields.Length < needed)
        {
            Bad(log, number, 1, Messages.Format("EvidenceTooFewFields", fields.Length, needed));
            return;
        }
        var action = Field("action")!;
        if (action == "INFO-EVENTS-LOST")
        {
            if (long.TryParse(Field("info"), NumberStyles.None, CultureInfo.InvariantCulture, out var lost)) log.EventsLost += lost;
            return;
        }
        // XP's CLOSE ends a connection its OPEN already recorded.
        if (action == "CLOSE" || !(Field("protocol") is "TCP" or "UDP") && action is "ALLOW" or "OPEN" or "OPEN-INBOUND" or "DROP")
        {
            log.Skipped++;
            return;
        }
        LoggedAction logged;
        switch (action)
        {
            case "ALLOW" or "OPEN" or "OPEN-INBOUND":
                logged = LoggedAction.Allowed;
                break;
            case "DROP":
                logged = LoggedAction.Dropped;
                break;
            default:
                Bad(log, number, Column(fields, columns["action"]), Messages.Format("EvidenceUnknownAction", InputEcho.Escape(action)));
                return;
        }
        var protocol = Field("protocol")!;
        if (!DateTime.TryParseExact($"{Field("date")} {Field("time")}", "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var seen))
        {
            Bad(log, number, 1, Messages.Format("EvidenceBadTime", InputEcho.Escape($"{Field("date")} {Field("time")}")));
            return;
        }
        if (Address(Field("src-ip")) is not { } source)
        {
            Bad(log, number, Column(fields, columns["src-ip"]), Messages.Format("EvidenceBadAddress", InputEcho.Escape(Field("src-ip")!)));
            return;
        }
        if (Address(Field("dst-ip")) is not { } destination)
        {
            Bad(log, number, Column(fields, columns["dst-ip"]), Messages.Format("EvidenceBadAddress", InputEcho.Escape(Field("dst-ip")!)));
            return;
        }
        if (Port(Field("src-port")) is not { } sourcePort || Port(Field("dst-port")) is not { } destinationPort)
        {
            Bad(log, number, Column(fields, columns["dst-port"]), Messages.Format("EvidenceBadPort", InputEcho.Escape($"{Field("src-port")} {Field("dst-port")}")));
            return;
        }
        var bytes = long.TryParse(Field("size"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : 0;
        log.Records.Add(new LogRecord(seen, logged, protocol == "TCP" ? Transport.Tcp : Transport.Udp,
            source, sourcePort, destination, destinationPort, bytes, InitiatorInferred: logged == LoggedAction.Dropped, number));
    }

    private static IPAddress? Address(string? text) =>
        text is not null && IPAddress.TryParse(text, out var address)
        && (address.AddressFamily == AddressFamily.InterNetworkV6 || text.Count(c => c == '.') == 3) ? address : null;

    private static int? Port(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535 ? port : null;

    /// <summary>The 1-based column where field <paramref name="index"/> starts (fields are single-space separated).</summary>
    private static int Column(string[] fields, int index) => fields.Take(index).Sum(f => f.Length + 1) + 1;

    private static void Bad(WindowsFirewallLog log, int line, int column, string reason)
    {
        log.BadLines++;
        if (log.FirstBadLines.Count < WindowsFirewallLog.BadLinesKept) log.FirstBadLines.Add(new BadLine(line, column, reason));
    }
}
