using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.RuleSets.Windows;

namespace PortImpact.Formats.Tests.RuleSets.Windows;

/// <summary>
/// Inputs no admin writes but a broken or hostile file holds: patterns PowerShell refuses, scripts of many commands.
/// Each was once an unhandled exception or took time in proportion to the square of the file; each must now be bad
/// input with its place, or read in time in proportion to its size (no timing is asserted: the test only has to end).
/// </summary>
public sealed class WindowsHostileInputTests
{
    private static byte[] Utf8Lines(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    private static RuleSet ReadScript(IEnumerable<string> lines) => WindowsFirewallReader.Read(Utf8Lines(lines), "s.ps1", RuleSetFormat.WindowsScript);

    [Theory]
    // Was an unhandled RegexParseException ("Unterminated [] set", "[x-y] range in reverse order").
    [InlineData("Remove-NetFirewallRule -Name '[]'", 31, "'[]' is not a wildcard pattern: '[]' holds no character")]
    [InlineData("Remove-NetFirewallRule -DisplayName 'web-[z-a]*'", 42, "'web-[z-a]*' is not a wildcard pattern: the range 'z-a' runs backwards")]
    public void A_wildcard_pattern_powershell_refuses_is_bad_input_at_its_bracket(string removal, int column, string problem)
    {
        var error = Assert.Throws<InputException>(() => ReadScript(["New-NetFirewallRule -DisplayName a", removal]));
        Assert.Equal((2, column, problem), (error.Location.Line, error.Location.Column, error.Problem));
    }

    [Fact]
    public void Wildcards_select_by_every_given_parameter_and_exact_names_in_any_case()
    {
        var set = ReadScript([
            "New-NetFirewallRule -DisplayName 'Web a' -Name W1 -Group G",
            "New-NetFirewallRule -DisplayName 'Web b' -Name W2",
            "New-NetFirewallRule -DisplayName 'web [c]' -Name W3 -Group G",
            "New-NetFirewallRule -DisplayName 'Mail' -Name M1 -Group G",
            "Remove-NetFirewallRule -DisplayName 'web ?' -Group g",   // W1 (W2 has no group)
            "Remove-NetFirewallRule -Name w3",                        // exact name, other case
            "netsh advfirewall firewall delete rule name=\"web b\" dir=out", // W2 is inbound: kept
        ]);
        Assert.Equal(["Web b", "Mail"], set.Chains.Single().Rules.Select(r => r.Id));
        Assert.Equal(["Mail"], ReadScript(["New-NetFirewallRule -DisplayName 'a*b' -Name X", "New-NetFirewallRule -DisplayName Mail",
            "netsh advfirewall firewall delete rule name=a*b"]).Chains.Single().Rules.Select(r => r.Id));
        // A backtick takes the next character as itself: '`*' is the name '*'.
        Assert.Equal(["b"], ReadScript(["New-NetFirewallRule -DisplayName '*'", "New-NetFirewallRule -DisplayName b",
            "Remove-NetFirewallRule -DisplayName '`*'"]).Chains.Single().Rules.Select(r => r.Id));
    }

    [Fact]
    public void A_script_of_many_rules_each_removed_by_name_reads_in_one_pass()
    {
        const int count = 20_000;
        var lines = new List<string>();
        for (var i = 0; i < count; i++) lines.Add($"New-NetFirewallRule -DisplayName 'r{i}' -Name 'n{i}' -Direction Inbound -Action Block -Protocol TCP -LocalPort 445");
        for (var i = 0; i < count; i += 2) lines.Add($"Remove-NetFirewallRule -Name 'n{i}'");
        for (var i = 1; i < count; i += 4) lines.Add($"netsh advfirewall firewall delete rule name=r{i}");
        lines.Add("Remove-NetFirewallRule -DisplayName 'r1*'");
        var rules = ReadScript(lines).Chains.Single().Rules;
        Assert.Equal(2222, rules.Length); // i = 3 mod 4, not starting with 1
        Assert.Equal("r3", rules[0].Id);
    }
}
