using System.Net;
using PortImpact.Core.Ports;

namespace PortImpact.Evidence.Logs;

/// <summary>What a log said of a connection or packet: allowed through, or dropped.</summary>
public enum LoggedAction
{
    Allowed,
    Dropped,
}

/// <summary>
/// One record of a traffic log, vendor-neutral: who started a connection to which server port, and what the log
/// says happened to it. <see cref="InitiatorInferred"/> is true where the log cannot tell who started it (a dropped
/// packet may be a reply), and a documented rule of the reader chose.
/// </summary>
public sealed record LogRecord(
    DateTime Seen,
    LoggedAction Action,
    Transport Transport,
    IPAddress Client,
    int? ClientPort,
    IPAddress Server,
    int ServerPort,
    long Bytes,
    bool InitiatorInferred,
    int Line);

/// <summary>A line that could not be read, where it is and why: reported, never guessed at.</summary>
public sealed record BadLine(int Line, int Column, string Reason);
