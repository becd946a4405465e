using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Knowledge.Loading;

namespace PortImpact.Formats.RuleSets;

/// <summary>
/// Reads a rule file in any format of <see cref="RuleFormats.All"/>, detected from its content when not named
/// (../shared/research/formats.md §0). A file no format claims is bad input.
/// </summary>
public static class RuleSetReader
{
    /// <param name="rpcDynamicPorts">
    /// The host's RPC dynamic range when the model narrows it (KB 154596): Windows rules' <c>RPC</c> keyword then means
    /// these ports rather than the default 49152-65535. Null for the default.
    /// </param>
    public static RuleSet ReadFile(string path, RuleSetFormat? format = null, PortSet? rpcDynamicPorts = null)
    {
        var bytes = InputFiles.ReadAllBytes(path, Messages.Format("FileWhatRuleFile"));
        return FileKinds.Read(bytes, path, FileKinds.Kind.RuleFile, () => Read(bytes, path, format, rpcDynamicPorts));
    }

    public static RuleSet Read(byte[] bytes, string file, RuleSetFormat? format = null, PortSet? rpcDynamicPorts = null)
    {
        var reader = format is { } named ? RuleFormats.Of(named) : RuleFormats.Detect(bytes, file);
        return reader.Read(bytes, file, new RuleReadOptions(rpcDynamicPorts));
    }

    /// <summary>The format a file's first bytes and lines say it is.</summary>
    public static RuleSetFormat Detect(byte[] bytes, string file) => RuleFormats.Detect(bytes, file).Format;
}

/// <summary>Text decoding that refuses what is not text rather than guessing.</summary>
public static class TextDecoding
{
    /// <summary>UTF-8 (with or without BOM), or UTF-16 when the file starts with its BOM; else a clear error at the first bad byte's line.</summary>
    public static string Utf8(byte[] bytes, string file) => InputFiles.DecodeText(bytes, file);

    /// <summary>Best-effort decoding for detection: UTF-16 by BOM, else UTF-8 with replacement characters.</summary>
    public static string Sniff(byte[] bytes)
    {
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        var text = Encoding.UTF8.GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }
}
