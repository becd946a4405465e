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

    /// <summary>The kind of file these bytes look like, with how its refusal names it; null when nothing gives it away.</summary>
    public static (Kind Kind, string Description)? LooksLike(byte[] bytes)
    {
        if (bytes.Length == 0) return null;
        var head = new FileHead(bytes);
        var lines = head.Lines.Take(200).Select(l => l.TrimEnd('\r', '\0')).ToList();
        bool Top(string key) => lines.Any(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        if (lines.Any(l => l.StartsWith("#Software: Microsoft Windows Firewall", StringComparison.Ordinal)))
        {
            return (Kind.WindowsFirewallLog, "a Windows Firewall log (pfirewall.log), which PortImpact does not read yet");
        }
        if (lines.Any(l => l.StartsWith("#path", StringComparison.Ordinal)) && lines.Any(l => l.StartsWith("#fields", StringComparison.Ordinal)))
        {
            return (Kind.ZeekLog, "a Zeek log, which PortImpact does not read yet");
        }
        if (lines.Count > 0 && lines[0].StartsWith("ts,te,td,sa,da,sp,dp,pr", StringComparison.Ordinal))
        {
            return (Kind.NfdumpCsv, "an nfdump CSV export, which PortImpact does not read yet");
        }
        if (Top("sites") || Top("hosts") && Top("links")) return (Kind.Model, "a PortImpact model: check it with 'portimpact model check FILE', ask with 'portimpact analyze FILE'");
        if (Top("policies") && !Top("sites")) return (Kind.Overlay, "a policy overlay (as recommend --as-policy writes): give it to 'portimpact analyze MODEL --policy FILE'");
        foreach (var format in RuleFormats.All)
        {
            if (format.Claim(head) is not null)
            {
                return (Kind.RuleFile, $"{format.Title} rules: read them with 'portimpact rules import FILE', or name the file under a model's policies:");
            }
        }
        return null;
    }

    /// <summary>"; this file looks like …", or nothing when the file is of <paramref name="expected"/> kind or of no kind known.</summary>
    private static string Hint(byte[] bytes, Kind expected) =>
        LooksLike(bytes) is { } kind && kind.Kind != expected ? $"; this file looks like {kind.Description}" : "";

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
        catch (InputException e) when (e.Location.File == path && Hint(bytes, expected) is { Length: > 0 } hint)
        {
            throw new InputException(e.Location, e.Problem + hint);
        }
    }
}
