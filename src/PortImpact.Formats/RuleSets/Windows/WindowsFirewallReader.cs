using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>Placeholder until the reader lands in this session; refuses every file as bad input.</summary>
public static class WindowsFirewallReader
{
    public static RuleSet Read(byte[] bytes, string file, RuleSetFormat format) =>
        throw new InputException(new SourceLocation(file, 1, 1), "this format is not read yet");
}
