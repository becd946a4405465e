using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.Emit;

namespace PortImpact.Formats.RuleSets;

/// <summary>
/// One outside rule format: how a file shows it is in this format, how it is read, and the rule languages the
/// tool writes for it. Each lives in its own folder (<c>RuleSets/Nftables</c> …) and is named once, in
/// <see cref="RuleFormats.All"/>; detection, <c>--format</c>, the help text, <c>rules emit --target</c> and the
/// error listing the known formats all come from that list (docs/architecture.md shows how to add one).
/// </summary>
public interface IRuleFormat
{
    /// <summary>The name users write (<c>--format</c>, a model's <c>rulesFormat</c>) and reports print.</summary>
    string Id { get; }

    /// <summary>What the format is, for help and for the error that lists the formats known.</summary>
    string Title { get; }

    RuleSetFormat Format { get; }

    /// <summary>
    /// Where the file first shows it is in this format: <see cref="FileHead.Certain"/> for a header or magic
    /// number, else the index of the first line that gives it away; null when nothing does. The earliest claim
    /// wins, and among equal claims the format listed first.
    /// </summary>
    int? Claim(FileHead head);

    RuleSet Read(byte[] bytes, string file, RuleReadOptions options);

    /// <summary>The rule languages written for devices that read this format; most formats have none or one.</summary>
    IReadOnlyList<IRuleEmitter> Emitters { get; }
}

/// <summary>What a reader may need from the model. <see cref="RpcDynamicPorts"/>: the range Windows' <c>RPC</c> keyword stands for when the model narrows it (KB 154596).</summary>
public sealed record RuleReadOptions(PortSet? RpcDynamicPorts = null)
{
    public static RuleReadOptions Default { get; } = new();
}

/// <summary>
/// The start of a file as detection sees it, decoded once for every format: the raw bytes (for magic numbers),
/// up to 4,096 characters of text (UTF-16 by its mark, else UTF-8 with replacement characters) and its
/// non-blank lines, trimmed.
/// </summary>
public sealed class FileHead
{
    /// <summary>The claim of a header or magic number, ahead of any line.</summary>
    public const int Certain = -1;

    private const int HeadCharacters = 4096;

    public FileHead(byte[] bytes)
    {
        Bytes = bytes;
        var text = TextDecoding.Sniff(bytes);
        Text = text.Length > HeadCharacters ? text[..HeadCharacters] : text;
        Lines = [.. Text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
    }

    public byte[] Bytes { get; }

    public string Text { get; }

    public IReadOnlyList<string> Lines { get; }

    /// <summary>The index of the first line the predicate accepts, as a claim.</summary>
    public int? FirstLine(Func<string, bool> gives)
    {
        for (var i = 0; i < Lines.Count; i++)
        {
            if (gives(Lines[i])) return i;
        }
        return null;
    }
}
