using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.RuleSets.Windows;

namespace PortImpact.Formats.Tests.RuleSets.Windows;

/// <summary>Builds small Windows Firewall files in memory: reg exports as regedit writes them, Registry.pol records.</summary>
internal static class WindowsFixtures
{
    public const string LocalRulesKey = @"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\FirewallRules";
    public const string LocalPolicyKey = @"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy";
    public const string GpoKey = @"SOFTWARE\Policies\Microsoft\WindowsFirewall";

    /// <summary>A version 5 reg export: UTF-16LE with BOM, CRLF, the header and an empty line, then <paramref name="lines"/> from line 3.</summary>
    public static byte[] Reg(params string[] lines)
    {
        var text = "Windows Registry Editor Version 5.00\r\n\r\n" + string.Join("\r\n", lines) + "\r\n";
        return [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)];
    }

    /// <summary>A reg string value: backslashes and quotes escaped as regedit does.</summary>
    public static string RegString(string name, string data) => $"\"{Escape(name)}\"=\"{Escape(data)}\"";

    public static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");

    /// <summary>A reg export holding one local-store rule (line 4) with the ID <c>r1</c>.</summary>
    public static byte[] RegWithRule(string rule) => Reg($"[{LocalRulesKey}]", RegString("r1", rule));

    public static RuleSet ReadReg(byte[] bytes) => WindowsFirewallReader.Read(bytes, "t.reg", RuleSetFormat.WindowsRegistry);

    /// <summary>The rule a rule string becomes, read through a reg export.</summary>
    public static ImportedRule Rule(string rule) => ReadReg(RegWithRule(rule)).Chains.Single().Rules.Single();

    /// <summary>The error a rule string raises, read through a reg export (its value on line 4).</summary>
    public static InputException RuleError(string rule) => Assert.Throws<InputException>(() => ReadReg(RegWithRule(rule)));

    /// <summary>The column in the reg line <c>"r1"="RULE"</c> of the character at <paramref name="index"/> of an escape-free rule.</summary>
    public static int ColumnInRule(int index) => "\"r1\"=\"".Length + index + 1;

    public static string[] Opaque(ImportedRule rule) => [.. rule.Opaque.Select(o => $"{o.Construct}: {o.Text}")];

    /// <summary>A Registry.pol: <c>PReg</c>, version 1, then the records.</summary>
    public static byte[] Pol(params byte[][] records) => [.. "PReg"u8, 1, 0, 0, 0, .. records.SelectMany(r => r)];

    public static byte[] PolRecord(string key, string value, uint type, byte[] data)
    {
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.Unicode.GetBytes("["));
        bytes.AddRange(Encoding.Unicode.GetBytes(key + "\0"));
        bytes.AddRange(Encoding.Unicode.GetBytes(";"));
        bytes.AddRange(Encoding.Unicode.GetBytes(value + "\0"));
        bytes.AddRange(Encoding.Unicode.GetBytes(";"));
        bytes.AddRange(BitConverter.GetBytes(type));
        bytes.AddRange(Encoding.Unicode.GetBytes(";"));
        bytes.AddRange(BitConverter.GetBytes((uint)data.Length));
        bytes.AddRange(Encoding.Unicode.GetBytes(";"));
        bytes.AddRange(data);
        bytes.AddRange(Encoding.Unicode.GetBytes("]"));
        return [.. bytes];
    }

    public static byte[] PolString(string key, string value, string data) => PolRecord(key, value, 1, Encoding.Unicode.GetBytes(data + "\0"));

    public static byte[] PolDword(string key, string value, uint data) => PolRecord(key, value, 4, BitConverter.GetBytes(data));

    public static RuleSet ReadPol(byte[] bytes) => WindowsFirewallReader.Read(bytes, "t.pol", RuleSetFormat.WindowsRegistryPol);

    public static string[] Describe(IEnumerable<NotUnderstood> entries) =>
        [.. entries.Select(n => $"{n.Location.Line}:{n.Location.Column} {n.Construct} [{n.Effect}]")];
}
