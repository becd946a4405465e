using PortImpact.Core.Diagnostics;
using PortImpact.Formats.RuleSets;

namespace PortImpact.Formats;

/// <summary>
/// What a file given to the wrong command looks like, and which command takes it: a model handed to
/// <c>rules import</c>, a rule file or an overlay to <c>model check</c>, a traffic log to either. Asked only after the
/// command's own reader has refused the file, so it never decides what a file is — it only explains a refusal.
/// </summary>
public static class FileKinds
{
    /// <summary>The kinds of file PortImpact can tell apart, each with the advice its refusal adds.</summary>
    public enum Kind
    {
        Model,
        Overlay,
        RuleFile,
        WindowsFirewallLog,
        ZeekLog,
        NfdumpCsv,
    }

    /// <summary>
    /// The kind of file these bytes look like, with the message its refusal ends in (whose <c>{0}</c> is the refusal
    /// and <c>{1}</c> the rule format's title); null when nothing gives it away. One whole sentence per kind, so that
    /// each language words "this file looks like …" its own way.
    /// </summary>
    public static (Kind Kind, string AdviceKey, string? Format)? LooksLike(byte[] bytes)
    {
        if (bytes.Length == 0) return null;
        var head = new FileHead(bytes);
        var lines = head.Lines.Take(200).Select(l => l.TrimEnd('\r', '\0')).ToList();
        bool Top(string key) => lines.Any(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        if (lines.Any(l => l.StartsWith("#Software: Microsoft Windows Firewall", StringComparison.Ordinal)))
        {
            return (Kind.WindowsFirewallLog, "FileLooksLikeWindowsFirewallLog", null);
        }
        if (lines.Any(l => l.StartsWith("#path", StringComparison.Ordinal)) && lines.Any(l => l.StartsWith("#fields", StringComparison.Ordinal)))
        {
            return (Kind.ZeekLog, "FileLooksLikeZeekLog", null);
        }
        if (lines.Count > 0 && lines[0].StartsWith("ts,te,td,sa,da,sp,dp,pr", StringComparison.Ordinal))
        {
            return (Kind.NfdumpCsv, "FileLooksLikeNfdumpCsv", null);
        }
        if (Top("sites") || Top("hosts") && Top("links")) return (Kind.Model, "FileLooksLikeModel", null);
        if (Top("policies") && !Top("sites")) return (Kind.Overlay, "FileLooksLikeOverlay", null);
        foreach (var format in RuleFormats.All)
        {
            if (format.Claim(head) is not null)
            {
                return (Kind.RuleFile, "FileLooksLikeRules", format.Title);
            }
        }
        return null;
    }

    /// <summary>
    /// The refusal followed by "; this file looks like …", or null when the file is of <paramref name="expected"/>
    /// kind or of no kind known.
    /// </summary>
    private static string? Explained(string problem, byte[] bytes, Kind expected) =>
        LooksLike(bytes) is { } kind && kind.Kind != expected ? Messages.Format(kind.AdviceKey, problem, kind.Format) : null;

    /// <summary>
    /// Reads a file of the <paramref name="expected"/> kind; when the reader refuses the file itself (not a file it
    /// names), the refusal also says what the file looks like and which command takes it.
    /// </summary>
    public static T Read<T>(byte[] bytes, string path, Kind expected, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InputException e) when (e.Location.File == path && Explained(e.Problem, bytes, expected) is { } explained)
        {
            throw new InputException(e.Location, explained);
        }
    }
}
