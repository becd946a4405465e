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

    private const int Many = 100_000;

    private static string RuleString(int i) => $"v2.30|Action=Block|Active=TRUE|Dir=In|Protocol=6|LPort=445|Name=r{i}|";

    private static string Guid(int i) => $"{{{i:x8}-0000-4000-8000-{i:x12}}}";

    private static RuleSet Read(byte[] bytes, RuleSetFormat format) => WindowsFirewallReader.Read(bytes, "big", format);

    private static byte[] Utf16(string text) => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)];

    private static string Lines(Func<int, string> line) => string.Concat(Enumerable.Range(0, Many).Select(line));

    [Fact]
    public void A_reg_export_of_a_hundred_thousand_rules_reads_in_one_pass()
    {
        // Was quadratic: each value was looked up by name among the key's values already read (572 s in the CLI).
        var text = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\WindowsFirewall\\FirewallRules]\r\n"
            + Lines(i => $"\"{Guid(i)}\"=\"{RuleString(i)}\"\r\n");
        var chain = Read(Utf16(text), RuleSetFormat.WindowsRegistry).Chains.Single();
        Assert.Equal(("gpo", Many), (chain.Name, chain.Rules.Length));
        Assert.Equal((Guid(Many - 1), 3 + Many), (chain.Rules[^1].Id, chain.Rules[^1].Location.Line));
    }

    [Fact]
    public void A_registry_pol_of_a_hundred_thousand_rules_reads_in_one_pass()
    {
        var records = Enumerable.Range(0, Many).Select(i => WindowsFixtures.PolString(WindowsFixtures.GpoKey + "\\FirewallRules", Guid(i), RuleString(i))).ToList();
        // A value deleted and set again, as a GPO edited twice holds it: deleted, then back in its new place.
        records.Add(WindowsFixtures.PolString(WindowsFixtures.GpoKey + "\\FirewallRules", "**del." + Guid(0), ""));
        records.Add(WindowsFixtures.PolString(WindowsFixtures.GpoKey + "\\FirewallRules", Guid(0), RuleString(0)));
        var chain = WindowsFixtures.ReadPol(WindowsFixtures.Pol([.. records])).Chains.Single();
        Assert.Equal(Many, chain.Rules.Length);
        Assert.Equal((Guid(1), Guid(0)), (chain.Rules[0].Id, chain.Rules[^1].Id));
        Assert.Equal(9 + records.Take(Many + 1).Sum(r => r.Length), chain.Rules[^1].Location.Column);
    }

    [Fact]
    public void A_gpreport_of_a_hundred_thousand_rules_reads_in_one_pass()
    {
        var text = "<?xml version=\"1.0\" encoding=\"utf-16\"?>\r\n<GPO xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<Extension xmlns:q2=\"w\" xsi:type=\"q2:WindowsFirewallSettings\">\r\n"
            + Lines(i => $"<q2:InboundFirewallRules><q2:Version>2.30</q2:Version><q2:Action>Block</q2:Action><q2:Name>r{i}</q2:Name>"
                + "<q2:Dir>In</q2:Dir><q2:Protocol>6</q2:Protocol><q2:LPort>445</q2:LPort><q2:Active>true</q2:Active></q2:InboundFirewallRules>\r\n")
            + "</Extension></GPO>\r\n";
        var chain = Read(Utf16(text), RuleSetFormat.WindowsGpReport).Chains.Single();
        Assert.Equal((Many, "r99999", 2 + Many), (chain.Rules.Length, chain.Rules[^1].Id, chain.Rules[^1].Location.Line));
    }

    [Fact]
    public void Netsh_show_rule_text_of_a_hundred_thousand_rules_reads_in_one_pass()
    {
        static string L(string label, string value) => $"{label}:".PadRight(38) + value + "\r\n";
        var text = Lines(i => L("Rule Name", $"r{i % 50_000}") + new string('-', 70) + "\r\n" + L("Enabled", "Yes") + L("Direction", "In")
            + L("Profiles", "Domain,Private,Public") + L("LocalIP", "Any") + L("RemoteIP", "Any") + L("Protocol", "TCP") + L("LocalPort", "445")
            + L("RemotePort", "Any") + L("Action", "Block") + "\r\n") + "Ok.\r\n";
        var chain = Read(Encoding.UTF8.GetBytes(text), RuleSetFormat.WindowsNetsh).Chains.Single();
        // Every name twice: numbered as netsh's names repeat.
        Assert.Equal((Many, "r49999 #2", 1 + 12 * (Many - 1)), (chain.Rules.Length, chain.Rules[^1].Id, chain.Rules[^1].Location.Line));
    }

    [Fact]
    public void Scripts_of_a_hundred_thousand_commands_read_in_one_pass()
    {
        var powershell = Lines(i => $"New-NetFirewallRule -DisplayName 'r{i}' -Name 'n{i}' -Direction Inbound -Action Block -Protocol TCP -LocalPort 445\r\n");
        Assert.Equal(Many, Read(Encoding.UTF8.GetBytes(powershell), RuleSetFormat.WindowsScript).RuleCount);
        var netsh = Lines(i => $"netsh advfirewall firewall add rule name=\"r{i}\" dir=in action=block protocol=TCP localport=445\r\n");
        var rules = Read(Encoding.UTF8.GetBytes(netsh), RuleSetFormat.WindowsScript).Chains.Single().Rules;
        Assert.Equal((Many, Many), (rules.Length, rules[^1].Location.Line));
        var list = Lines(i => $"Name                  : n{i}\r\nDisplayName           : r{i}\r\nEnabled               : True\r\nDirection             : Inbound\r\nAction                : Block\r\n\r\n");
        Assert.Equal(Many, Read(Encoding.UTF8.GetBytes(list), RuleSetFormat.WindowsPowerShell).RuleCount);
    }

    [Fact]
    public void A_statement_that_goes_on_for_a_hundred_thousand_lines_is_read_in_one_pass()
    {
        // An unclosed "(" joins every later line to its statement; each line used to scan the whole statement again.
        var unclosed = "$x = (\r\n" + Lines(i => $"New-NetFirewallRule -DisplayName 'r{i}' -Protocol TCP -LocalPort 445\r\n");
        var set = Read(Encoding.UTF8.GetBytes(unclosed), RuleSetFormat.WindowsScript);
        Assert.Equal((4, 1, NotUnderstoodEffect.ChainUncertain), (set.RuleCount, set.NotUnderstood.Single().Location.Line, set.NotUnderstood.Single().Effect));
        var continued = "New-NetFirewallRule -DisplayName x `\r\n" + Lines(i => $"  -Description 'd{i}' `\r\n") + "  -Protocol TCP\r\n";
        var error = Assert.Throws<InputException>(() => Read(Encoding.UTF8.GetBytes(continued), RuleSetFormat.WindowsScript));
        Assert.Equal((3, 3, "-Description is given twice in New-NetFirewallRule"), (error.Location.Line, error.Location.Column, error.Problem));
        // Format-List wraps a long value onto indented lines; joining them again for each line took its length squared.
        var wrapped = "Name        : n\r\nDisplayName : a\r\n" + Lines(_ => "              b\r\n") + "Direction   : Inbound\r\nAction      : Block\r\n";
        var rule = Read(Encoding.UTF8.GetBytes(wrapped), RuleSetFormat.WindowsPowerShell).Chains.Single().Rules.Single();
        Assert.Equal(("n", 3 + Many * 2), (rule.Id, rule.Text.Length - "Name: n | Direction: Inbound | Action: Block | DisplayName: ".Length + 2));
    }

    [Fact]
    public void A_rule_of_tens_of_thousands_of_ports_unites_them_once()
    {
        var ports = string.Concat(Enumerable.Range(0, 30_000).Select(i => $"LPort={2 * i + 1}|"));
        var rule = WindowsFixtures.Rule($"v2.30|Action=Block|Active=TRUE|Dir=In|Protocol=6|{ports}");
        Assert.Equal((30_000, 59_999), (rule.DestinationPorts.Ranges.Length, rule.DestinationPorts.Ranges[^1].Last));
    }

    [Theory]
    [InlineData("reg")]
    [InlineData("netsh")]
    [InlineData("powershell")]
    [InlineData("windows-script")]
    public void A_line_longer_than_the_limit_is_bad_input_at_that_line(string formatId)
    {
        var format = new RuleSetFormat(formatId);
        var longLine = new string('x', InputLimits.MaxLineLength + 1);
        var text = formatId switch
        {
            "reg" => $"Windows Registry Editor Version 5.00\r\n\r\n[{WindowsFixtures.LocalRulesKey}]\r\n\"{longLine}\"=\"v2.30|\"\r\n",
            "netsh" => $"Rule Name: a\r\n{new string('-', 70)}\r\n{longLine}\r\n",
            "powershell" => $"Name : a\r\nDisplayName : {longLine}\r\n",
            _ => $"New-NetFirewallRule -DisplayName a\r\n{longLine}\r\n",
        };
        var bytes = format == RuleSetFormat.WindowsRegistry ? Utf16(text) : Encoding.UTF8.GetBytes(text);
        var error = Assert.Throws<InputException>(() => Read(bytes, format));
        var line = formatId switch { "reg" => 4, "netsh" => 3, _ => 2 };
        Assert.Equal((line, InputLimits.MaxLineLength + 1), (error.Location.Line, error.Location.Column));
        Assert.Equal("this line is longer than 1048576 characters, more than any firewall export or script writes", error.Problem);
    }

    [Fact]
    public void Input_quoted_back_in_a_message_is_escaped_and_shortened()
    {
        // A rule ID of a hundred thousand characters with an escape sequence in it: the message is one short line.
        var id = "\u001B[2J" + new string('r', 100_000);
        var reg = WindowsFixtures.Reg($"[{WindowsFixtures.LocalRulesKey}]", WindowsFixtures.RegString(id, "v2.30|Action=Maybe|Dir=In|"));
        var error = Assert.Throws<InputException>(() => WindowsFixtures.ReadReg(reg));
        Assert.Equal($"'Maybe' is not an action (Allow, Block or ByPass) in firewall rule '\\x1B[2J{new string('r', 76)}…'", error.Problem);

        var netsh = Encoding.UTF8.GetBytes("Rule Name: a\r\n" + new string('-', 70) + "\r\nEnabled: Yes\r\n\u009B" + new string('x', 500) + "\r\nOk.\r\n");
        error = Assert.Throws<InputException>(() => Read(netsh, RuleSetFormat.WindowsNetsh));
        Assert.Equal($"expected 'Label: value' in rule 'a', found '\\x9B{new string('x', 79)}…'", error.Problem);

        var script = Utf8Lines([$"New-NetFirewallRule -DisplayName a -Direction '{new string('d', 1000)}'"]);
        error = Assert.Throws<InputException>(() => Read(script, RuleSetFormat.WindowsScript));
        Assert.Equal($"-Direction must be Inbound or Outbound, not '{new string('d', 80)}…'", error.Problem);
    }

    [Theory]
    // Was an IndexOutOfRangeException: -IcmpType looked at -Protocol's first value before -Protocol was checked.
    [InlineData("New-NetFirewallRule -DisplayName a -IcmpType 8 -Protocol", 48, "-Protocol needs a value in New-NetFirewallRule")]
    // Was read as TCP alone; -Protocol is one string, and PowerShell makes "TCP UDP" of the list, no protocol.
    [InlineData("New-NetFirewallRule -DisplayName a -Protocol TCP,UDP", 36, "-Protocol takes one value in New-NetFirewallRule")]
    public void A_protocol_without_one_value_is_bad_input_whatever_comes_first(string line, int column, string problem)
    {
        var error = Assert.Throws<InputException>(() => ReadScript([line]));
        Assert.Equal((1, column, problem), (error.Location.Line, error.Location.Column, error.Problem));
    }

    [Fact]
    public void Control_sets_at_the_top_of_an_export_are_told_apart()
    {
        // Was an ArgumentOutOfRangeException: the keys started at the control set, with no hive before it to find Select in.
        static string Key(string controlSet) => $@"[{controlSet}\Services\SharedAccess\Parameters\FirewallPolicy\FirewallRules]";
        var reg = WindowsFixtures.Reg(Key("ControlSet001"), WindowsFixtures.RegString("a", "v2.30|Action=Allow|Dir=In|"), "",
            Key("ControlSet002"), WindowsFixtures.RegString("b", "v2.30|Action=Allow|Dir=In|"), "", "[Select]", "\"Current\"=dword:00000002");
        var set = WindowsFixtures.ReadReg(reg);
        Assert.Equal(["b"], set.Chains.Single().Rules.Select(r => r.Id));
        Assert.Equal(["3:1 ControlSet001 [Skipped]"], WindowsFixtures.Describe(set.NotUnderstood));
    }

    [Fact]
    public void A_long_statement_of_netsh_words_is_searched_in_one_pass()
    {
        // Was a hang: the search for a netsh change in a statement's text backtracked over every "netsh … firewall" pair.
        var words = string.Concat(Enumerable.Repeat("netsh firewall ", 20_000));
        var set = ReadScript(["New-NetFirewallRule -DisplayName a", $"$x = \"{words}\"", $"Write-Host {words}add"]);
        Assert.Equal([(2, NotUnderstoodEffect.Skipped), (3, NotUnderstoodEffect.ChainUncertain)], set.NotUnderstood.Select(n => (n.Location.Line, n.Effect)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_unpaired_surrogate_is_bad_input_at_its_line_in_either_byte_order(bool bigEndian)
    {
        // The big-endian file was counted as little-endian: it had no line feeds, and the error was always at line 1.
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: false);
        byte[] surrogate = bigEndian ? [0xD8, 0x00] : [0x00, 0xD8];
        byte[] bytes = [.. new UnicodeEncoding(bigEndian, byteOrderMark: true).GetPreamble(),
            .. encoding.GetBytes("Windows Registry Editor Version 5.00\r\n\r\n[X]\r\n\"a\"=\"b"), .. surrogate, .. encoding.GetBytes("\"\r\n")];
        var error = Assert.Throws<InputException>(() => Read(bytes, RuleSetFormat.WindowsRegistry));
        Assert.Equal((4, "not UTF-16 text: an unpaired surrogate (wrong encoding or a binary file)"), (error.Location.Line, error.Problem));
    }
}
