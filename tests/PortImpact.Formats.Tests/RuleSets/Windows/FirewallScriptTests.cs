using System.Text;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;
using PortImpact.Formats.RuleSets;
using PortImpact.Formats.RuleSets.Windows;

namespace PortImpact.Formats.Tests.RuleSets.Windows;

/// <summary>Scripts of <c>New-NetFirewallRule</c> and <c>netsh advfirewall firewall add rule</c> commands, run against an empty store.</summary>
public sealed class FirewallScriptTests
{
    private static byte[] Text(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    private static RuleSet Read(params string[] lines) => WindowsFirewallReader.Read(Text(lines), "s.ps1", RuleSetFormat.WindowsScript);

    private static InputException Error(params string[] lines) => Assert.Throws<InputException>(() => Read(lines));

    private static FlowDecision Decide(RuleSet set, string flow, TrafficDirection direction = TrafficDirection.In, string profile = "Domain") =>
        RuleSetEvaluator.Explain(set, ParseFlow(flow), new FlowContext(Direction: direction, Profile: FirewallProfile.Parse(profile))).Decision;

    /// <summary><c>tcp 10.0.0.1:50000 -> 10.0.0.2:445</c></summary>
    private static Flow ParseFlow(string text)
    {
        var words = text.Split(' ');
        static (uint, int) End(string end)
        {
            var colon = end.IndexOf(':');
            Assert.True(AddressRange.TryParseAddress(end[..colon], out var address));
            return (address, int.Parse(end[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
        var (source, sourcePort) = End(words[1]);
        var (destination, destinationPort) = End(words[3]);
        return new Flow(words[0] == "tcp" ? 6 : 17, source, sourcePort, destination, destinationPort);
    }

    [Fact]
    public void New_netfirewallrule_takes_the_cmdlets_defaults_and_its_filters()
    {
        var set = Read(
            "# deploy the file server rules",
            "New-NetFirewallRule -DisplayName 'SMB from branch' -Protocol TCP -LocalPort 445 -RemoteAddress 10.2.0.0/16,10.3.0.1-10.3.0.9",
            "New-NetFirewallRule -DisplayName \"Block NetBIOS\" -Direction Outbound -Action Block -Protocol UDP `",
            "    -RemotePort @('137', '138') -Profile Domain, Private -Enabled False",
            "New-NetFirewallRule -Dis 'RPC' -Dir Inbound -Protocol TCP -LocalPort RPC,RPCEPMap -RemoteAddress LocalSubnet -Program 'C:\\Windows\\System32\\svchost.exe'");
        Assert.Equal((RuleSetFormat.WindowsScript, PolicySemantics.WindowsFirewall), (set.Format, set.Semantics));
        var chain = Assert.Single(set.Chains);
        Assert.Equal(("local", ChainKind.WindowsRules), (chain.Name, chain.Kind));
        Assert.Equal(["SMB from branch", "Block NetBIOS", "RPC"], chain.Rules.Select(r => r.Id));
        Assert.Equal([2, 3, 5], chain.Rules.Select(r => r.Location.Line));

        var smb = chain.Rules[0];
        Assert.Equal((RuleVerdict.Permit, TrafficDirection.In, true, "tcp", "445"), (smb.Verdict, smb.Direction!.Value, smb.Enabled, smb.Protocols.ToString(), smb.DestinationPorts.ToString()));
        Assert.Equal("10.2.0.0/16,10.3.0.1-10.3.0.9", smb.Source.ToString());
        Assert.Equal("Domain,Private,Public", string.Join(",", smb.Profiles));
        Assert.Empty(smb.Opaque);

        var netbios = chain.Rules[1];
        Assert.Equal((RuleVerdict.Deny, TrafficDirection.Out, false, "udp", "137-138"), (netbios.Verdict, netbios.Direction!.Value, netbios.Enabled, netbios.Protocols.ToString(), netbios.DestinationPorts.ToString()));
        Assert.Equal("Domain,Private", string.Join(",", netbios.Profiles));

        var rpc = chain.Rules[2];
        Assert.Equal("135,49152-65535", rpc.DestinationPorts.ToString());
        Assert.Equal(["application: App=C:\\Windows\\System32\\svchost.exe", "address keyword: RA4=LocalSubnet"], WindowsFixtures.Opaque(rpc));
        Assert.Empty(set.NotUnderstood);

        Assert.Equal(FlowDecision.Permit, Decide(set, "tcp 10.2.5.5:50000 -> 10.1.0.20:445"));
        Assert.Equal(FlowDecision.Deny, Decide(set, "tcp 10.9.5.5:50000 -> 10.1.0.20:445"));
    }

    [Fact]
    public void Netsh_add_rule_lines_read_like_the_rule_grammar()
    {
        var set = Read(
            "@echo off",
            "rem close the worm ports",
            "netsh advfirewall firewall add rule name=\"Block SMB\" dir=in action=block protocol=TCP localport=139,445 remoteip=any",
            "netsh advfirewall firewall add rule \"name=DC replication\" dir=in action=allow protocol=tcp localport=135,RPC remoteip=10.1.0.10,10.2.0.10 profile=domain",
            "netsh advfirewall firewall add rule name=ping dir=in action=allow protocol=icmpv4:8,any enable=no",
            "NETSH advfirewall firewall add rule name=bypass dir=out action=bypass protocol=udp remoteport=53 security=authenticate");
        var rules = set.Chains.Single().Rules;
        Assert.Equal(["Block SMB", "DC replication", "ping", "bypass"], rules.Select(r => r.Id));
        Assert.Equal((RuleVerdict.Deny, "139,445", true), (rules[0].Verdict, rules[0].DestinationPorts.ToString(), rules[0].Source.IsAny));
        Assert.Equal(("135,49152-65535", "10.1.0.10,10.2.0.10", "Domain"), (rules[1].DestinationPorts.ToString(), rules[1].Source.ToString(), string.Join(",", rules[1].Profiles)));
        Assert.Equal((false, "icmp"), (rules[2].Enabled, rules[2].Protocols.ToString()));
        Assert.Equal(["icmp type: ICMP4=8:*"], WindowsFixtures.Opaque(rules[2]));
        Assert.Equal((RuleVerdict.Bypass, TrafficDirection.Out), (rules[3].Verdict, rules[3].Direction!.Value));
        Assert.Equal(["ipsec security: Security=Authenticate"], WindowsFixtures.Opaque(rules[3]));
        // @echo off is a statement this reader passes over, and says so.
        var skipped = Assert.Single(set.NotUnderstood);
        Assert.Equal((1, NotUnderstoodEffect.Skipped), (skipped.Location.Line, skipped.Effect));

        Assert.Equal(FlowDecision.Deny, Decide(set, "tcp 10.1.0.10:50000 -> 10.2.0.10:445"));
        Assert.Equal(FlowDecision.Permit, Decide(set, "tcp 10.1.0.10:50000 -> 10.2.0.10:135"));
        Assert.Equal(FlowDecision.Deny, Decide(set, "tcp 10.1.0.10:50000 -> 10.2.0.10:135", profile: "Public"));
    }

    [Fact]
    public void Removals_and_deletions_take_out_the_rules_made_before_them()
    {
        var set = Read(
            "New-NetFirewallRule -DisplayName 'PortImpact: a' -Group 'PortImpact hq' -Action Block -Protocol TCP -LocalPort 445",
            "New-NetFirewallRule -DisplayName 'PortImpact: b' -Group 'other' -Action Block -Protocol TCP -LocalPort 139",
            "New-NetFirewallRule -DisplayName 'keep' -Name 'KEEP-1' -Action Block -Protocol TCP -LocalPort 135",
            "Remove-NetFirewallRule -Group 'PortImpact hq' -ErrorAction SilentlyContinue",
            "Remove-NetFirewallRule -DisplayName 'PortImpact: [b]*'",
            "netsh advfirewall firewall add rule name=twice dir=in action=block protocol=udp localport=137",
            "netsh advfirewall firewall add rule name=twice dir=out action=block protocol=udp remoteport=137",
            "netsh advfirewall firewall delete rule name=twice dir=out",
            "Remove-NetFirewallRule -Name 'KEEP-2'");
        var rules = set.Chains.Single().Rules;
        Assert.Equal(["keep", "twice"], rules.Select(r => r.Id));
        Assert.Equal(TrafficDirection.In, rules[1].Direction);
        Assert.Empty(set.NotUnderstood);

        var cleared = Read(
            "New-NetFirewallRule -DisplayName 'x' -Action Block",
            "Remove-NetFirewallRule -All",
            "netsh advfirewall firewall add rule name=y dir=in action=block",
            "netsh advfirewall firewall delete rule name=all");
        Assert.Empty(cleared.Chains.Single().Rules);
    }

    [Fact]
    public void Profile_settings_come_from_set_netfirewallprofile_and_netsh_set()
    {
        var set = Read(
            "Set-NetFirewallProfile -Profile Domain,Private -DefaultInboundAction Allow -DefaultOutboundAction Block -AllowLocalFirewallRules False",
            "Set-NetFirewallProfile -Name Public -Enabled False -NotifyOnListen True -LogBlocked True",
            "netsh advfirewall set privateprofile firewallpolicy blockinboundalways,allowoutbound",
            "netsh advfirewall set allprofiles logging droppedconnections enable",
            "netsh advfirewall firewall add rule name=rdp dir=in action=allow protocol=tcp localport=3389");
        var profiles = set.Profiles.ToDictionary(p => p.Profile.Name);
        Assert.Equal(["Domain", "Private", "Public"], set.Profiles.Select(p => p.Profile.Name));
        Assert.Equal((RuleAction.Permit, RuleAction.Deny, false), (profiles["Domain"].DefaultInbound!.Value, profiles["Domain"].DefaultOutbound!.Value, profiles["Domain"].AllowLocalPolicyMerge!.Value));
        Assert.Equal((RuleAction.Deny, RuleAction.Permit, true), (profiles["Private"].DefaultInbound!.Value, profiles["Private"].DefaultOutbound!.Value, profiles["Private"].BlockAllInbound!.Value));
        Assert.False(profiles["Public"].Enabled);
        Assert.Equal(2, profiles["Public"].Location.Line);
        Assert.Equal(("netsh advfirewall set logging", NotUnderstoodEffect.Skipped), (set.NotUnderstood.Single().Construct, set.NotUnderstood.Single().Effect));

        Assert.Equal(FlowDecision.Permit, Decide(set, "tcp 10.0.0.1:50000 -> 10.0.0.2:3389"));
        Assert.Equal(FlowDecision.Permit, Decide(set, "tcp 10.0.0.1:50000 -> 10.0.0.2:9999"));
        Assert.Equal(FlowDecision.Deny, Decide(set, "tcp 10.0.0.1:50000 -> 10.0.0.2:3389", profile: "Private"));
        Assert.Equal(FlowDecision.Deny, Decide(set, "tcp 10.0.0.2:50000 -> 10.0.0.1:80", TrafficDirection.Out));
        Assert.Equal(FlowDecision.Permit, Decide(set, "tcp 10.0.0.1:50000 -> 10.0.0.2:9999", profile: "Public"));
    }

    [Fact]
    public void What_is_computed_at_run_time_is_uncertain_never_guessed()
    {
        var set = Read(
            "$ports = '445'",
            "New-NetFirewallRule -DisplayName 'computed' -Action Block -Protocol TCP -LocalPort $ports -Description $why -ErrorAction $preference",
            "Set-NetFirewallRule -DisplayName 'RDP' -Enabled False",
            "netsh advfirewall firewall add rule name=%NAME% dir=in action=allow protocol=tcp localport=80",
            "Write-Host 'done'");
        Assert.Equal(
            [
                (1, "statement", NotUnderstoodEffect.Skipped),
                (2, "computed -LocalPort", NotUnderstoodEffect.RuleMayMatch),
                (3, "Set-NetFirewallRule", NotUnderstoodEffect.ChainUncertain),
                (4, "netsh", NotUnderstoodEffect.ChainUncertain),
                (5, "Write-Host", NotUnderstoodEffect.Skipped),
            ],
            set.NotUnderstood.Select(n => (n.Location.Line, n.Construct, n.Effect)));
        var computed = set.Chains.Single().Rules[0];
        Assert.Equal(["computed value: -LocalPort $ports"], WindowsFixtures.Opaque(computed));
        // Set-NetFirewallRule may have turned any rule on or off: nothing is certain, either way.
        Assert.Equal(FlowDecision.Uncertain, Decide(set, "tcp 10.0.0.1:50000 -> 10.0.0.2:3389"));
        Assert.Equal(FlowDecision.Uncertain, Decide(set, "udp 10.0.0.2:50000 -> 10.0.0.9:53", TrafficDirection.Out));
    }

    /// <summary>
    /// Only statements that change the firewall make results uncertain; reading it, printing about it, or other
    /// netsh contexts are skipped and listed. An assigned command is still run.
    /// </summary>
    [Fact]
    public void Read_only_and_unrelated_statements_are_skipped_and_changes_are_uncertain()
    {
        var set = Read(
            "Write-Host 'Configuring the firewall rules...'",
            "echo Configuring firewall",
            "$existing = Get-NetFirewallRule -Group 'PortImpact'",
            "$rule = New-NetFirewallRule -DisplayName 'SMB' -Action Block -Protocol TCP -LocalPort 445",
            "$rule2=New-NetFirewallRule -DisplayName 'NetBIOS' -Action Block -Protocol TCP -LocalPort 139",
            "netsh advfirewall firewall show rule name=all",
            "netsh advfirewall consec add rule name=ipsec endpoint1=any endpoint2=any action=requireinrequestout",
            "netsh interface ip set address eth0 static 10.0.0.5",
            "Get-NetFirewallRule -DisplayName 'RDP*' | Disable-NetFirewallRule",
            "netsh advfirewall reset");
        Assert.Equal(["SMB", "NetBIOS"], set.Chains.Single().Rules.Take(2).Select(r => r.Id));
        Assert.Equal(
            [
                (1, NotUnderstoodEffect.Skipped), (2, NotUnderstoodEffect.Skipped), (3, NotUnderstoodEffect.Skipped),
                (6, NotUnderstoodEffect.Skipped), (7, NotUnderstoodEffect.Skipped), (8, NotUnderstoodEffect.Skipped),
                (9, NotUnderstoodEffect.ChainUncertain), (10, NotUnderstoodEffect.ChainUncertain),
            ],
            set.NotUnderstood.Select(n => (n.Location.Line, n.Effect)));
        Assert.Equal("Disable-NetFirewallRule", set.NotUnderstood[6].Construct);
    }

    /// <summary>Shell syntax around the commands: redirections, chaining, comments, continuations and computed values.</summary>
    [Fact]
    public void Shell_syntax_around_the_commands_is_read_or_marked_computed_never_refused()
    {
        var set = Read(
            "@netsh advfirewall firewall add rule name=a dir=in action=block protocol=tcp localport=135 >nul 2>&1 || exit /b 1",
            "netsh advfirewall firewall add rule name=b dir=in action=block protocol=tcp localport=139 & echo ok",
            "netsh advfirewall firewall add rule name=c dir=in action=block protocol=udp localport=137 # NetBIOS; Write-Host done",
            "New-NetFirewallRule -DisplayName d -Action Block -Protocol TCP -LocalPort 445 > $null",
            "New-NetFirewallRule -DisplayName e -Action Block -Protocol TCP <# inline #> -LocalPort @(",
            "    '3389',",
            "    '5985'",
            ") -RemoteAddress 10.0.0.0/8,",
            "    192.168.0.0/16",
            "New-NetFirewallRule -DisplayName f -Action Block -Protocol TCP -LocalPort 80..90 -WhatIf:$false",
            "New-NetFirewallRule -DisplayName g -Action Block -Protocol TCP -LocalPort $(Get-Port) -RemoteAddress @(Get-Subnets)",
            "netsh advfirewall firewall add rule name=h dir=in action=block protocol=tcp localport=%PORT% program=\"%SystemRoot%\\system32\\svchost.exe\"");
        var rules = set.Chains.Single().Rules;
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h"], rules.Select(r => r.Id));
        Assert.Equal(["135", "139", "137", "445", "3389,5985"], rules.Take(5).Select(r => r.DestinationPorts.ToString()));
        Assert.Empty(rules.Take(4).SelectMany(r => r.Opaque));
        Assert.Equal("10.0.0.0/8,192.168.0.0/16", rules[4].Source.ToString());
        Assert.Equal(["computed value: -LocalPort 80..90"], WindowsFixtures.Opaque(rules[5]));
        Assert.Equal(["computed value: -LocalPort $(Get-Port)", "computed value: -RemoteAddress @(Get-Subnets)"], WindowsFixtures.Opaque(rules[6]).Order());
        Assert.Contains("computed value: localport=%PORT%", WindowsFixtures.Opaque(rules[7]));
        // "; Write-Host done" after a comment is part of the comment; nothing else is left over.
        Assert.DoesNotContain(set.NotUnderstood, n => n.Effect == NotUnderstoodEffect.ChainUncertain);
    }

    [Fact]
    public void A_statement_after_a_netsh_command_and_a_semicolon_is_read_too()
    {
        var set = Read("netsh advfirewall firewall add rule name=a dir=in action=block protocol=tcp localport=135; New-NetFirewallRule -DisplayName b -Action Block");
        Assert.Equal(["a", "b"], set.Chains.Single().Rules.Select(r => r.Id));
    }

    [Fact]
    public void Firewall_changes_inside_other_statements_make_results_uncertain()
    {
        foreach (var line in new[]
        {
            "if (Test-Path x) { Remove-NetFirewallRule -DisplayName a }",
            "Invoke-Command { Set-NetFirewallRule -DisplayName a -Enabled False }",
            "& netsh advfirewall reset",
            "cmd /c netsh advfirewall firewall delete rule name=a",
            "Start-Process netsh -ArgumentList 'advfirewall reset'",
        })
        {
            var set = Read("New-NetFirewallRule -DisplayName a -Action Block -Protocol TCP -LocalPort 445", line);
            Assert.Contains(set.NotUnderstood, n => n.Effect == NotUnderstoodEffect.ChainUncertain && n.Location.Line == 2);
            Assert.Equal(FlowDecision.Uncertain, Decide(set, "tcp 10.0.0.1:50000 -> 10.0.0.2:3389"));
        }
    }

    /// <summary>
    /// A rule made without -Name gets a GUID name from Windows, and netsh's name= is the display name: removals
    /// select rules by what Windows would, so a removal by the wrong one leaves the rule in place.
    /// </summary>
    [Fact]
    public void Removals_select_rules_by_the_name_windows_gives_them()
    {
        var set = Read(
            "New-NetFirewallRule -DisplayName Web -Action Block -Protocol TCP -LocalPort 80",
            "Remove-NetFirewallRule -Name Web",
            "New-NetFirewallRule -DisplayName Smb -Name SMB-IN -Action Block -Protocol TCP -LocalPort 445",
            "netsh advfirewall firewall delete rule name=Smb",
            "netsh advfirewall firewall add rule name=Rdp dir=in action=block protocol=tcp localport=3389",
            "Remove-NetFirewallRule -DisplayName Rdp");
        Assert.Equal(["Web"], set.Chains.Single().Rules.Select(r => r.Id));
    }

    [Theory]
    [InlineData("$x = \"\"")]
    [InlineData("$x = ''")]
    public void An_assignment_of_an_empty_string_is_not_a_command(string line)
    {
        var set = Read("New-NetFirewallRule -DisplayName a -Action Block", line);
        Assert.Equal((2, NotUnderstoodEffect.Skipped), (set.NotUnderstood.Single().Location.Line, set.NotUnderstood.Single().Effect));
    }

    [Theory]
    [InlineData("New-NetFirewallRule -DisplayName a -Program", "-Program needs a value", 36)]
    [InlineData("New-NetFirewallRule -DisplayName a -Protocol -LocalPort 80", "-Protocol needs a value", 36)]
    [InlineData("New-NetFirewallRule -DisplayName a -Authentication @()", "-Authentication needs a value", 36)]
    public void A_parameter_without_its_value_is_bad_input(string line, string message, int column)
    {
        var error = Error(line);
        Assert.Equal((1, column), (error.Location.Line, error.Location.Column));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_bad_quoted_value_is_located_at_its_first_character()
    {
        var error = Error("New-NetFirewallRule -DisplayName x -Protocol TCP -LocalPort \"80, 70000\"");
        Assert.Equal((1, 66), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Override_block_rules_whatif_and_gpo_stores()
    {
        var set = Read(
            "New-NetFirewallRule -DisplayName 'scanner' -OverrideBlockRules $true -RemoteMachine 'D:(A;;CC;;;S-1-5-21-1)' -PolicyStore 'contoso.com\\Firewall'",
            "New-NetFirewallRule -DisplayName 'test only' -Action Block -WhatIf",
            "New-NetFirewallRule -DisplayName 'local' -Action Block -Protocol TCP -LocalPort 445 | Out-Null");
        Assert.Equal(["local", "gpo"], set.Chains.Select(c => c.Name));
        var scanner = set.Chains[1].Rules.Single();
        Assert.Equal(RuleVerdict.Bypass, scanner.Verdict);
        Assert.Equal(["remote machine authorization: RMAuth=D:(A;;CC;;;S-1-5-21-1)"], WindowsFixtures.Opaque(scanner));
        Assert.Equal("local", set.Chains[0].Rules.Single().Id);
        Assert.Equal((2, NotUnderstoodEffect.Skipped), (set.NotUnderstood.Single().Location.Line, set.NotUnderstood.Single().Effect));
    }

    [Fact]
    public void Detection_finds_scripts_of_either_shell()
    {
        Assert.Equal(RuleSetFormat.WindowsScript, RuleSetReader.Detect(Text("# rules", "New-NetFirewallRule -DisplayName x"), "a.ps1"));
        Assert.Equal(RuleSetFormat.WindowsScript, RuleSetReader.Detect(Text("@echo off", "rem x", "netsh advfirewall firewall add rule name=x dir=in action=block"), "a.cmd"));
        Assert.Equal(RuleSetFormat.WindowsScript, RuleSetReader.Detect(Text("<# deploy", "#>", "Set-NetFirewallProfile -All -Enabled True"), "a.ps1"));
        Assert.Equal(RuleSetFormat.WindowsScript, RuleSetReader.Detect(Text("$rule = New-NetFirewallRule -DisplayName x"), "a.ps1"));
    }

    [Theory]
    [InlineData(1, 27, "-Remote is ambiguous in New-NetFirewallRule: it could be -RemoteAddress, -RemotePort, -RemoteUser, -RemoteMachine, -RemoteDynamicKeywordAddresses",
        "New-NetFirewallRule -DN x -Remote 10.0.0.1")]
    [InlineData(1, 1, "New-NetFirewallRule needs -DisplayName", "New-NetFirewallRule -Action Block")]
    [InlineData(1, 47, "-Direction must be Inbound or Outbound, not 'Sideways'", "New-NetFirewallRule -DisplayName x -Direction Sideways")]
    [InlineData(1, 64, "port 70000 is out of range 0-65535 in LPort", "New-NetFirewallRule -DisplayName x -Protocol TCP -LocalPort 80,70000")]
    [InlineData(1, 60, "'10.0.0.300' is not an IPv4 a", "New-NetFirewallRule -DisplayName x -RemoteAddress 10.0.0.1,10.0.0.300")]
    [InlineData(1, 34, "a quoted string is not closed by '", "New-NetFirewallRule -DisplayName 'x")]
    [InlineData(1, 1, "'netsh advfirewall firewall add rule' needs dir=", "netsh advfirewall firewall add rule name=x action=block")]
    [InlineData(1, 62, "a quoted value is not closed by \"", "netsh advfirewall firewall add rule dir=in action=block name=\"x")]
    [InlineData(1, 51, "enable must be yes or no, not 'maybe'", "netsh advfirewall firewall add rule name=x enable=maybe dir=in action=block")]
    [InlineData(1, 1, "no firewall command", "Write-Host hello")]
    public void Broken_commands_are_bad_input_at_their_place(int line, int column, string message, string text)
    {
        var error = Error(text);
        Assert.Equal(("s.ps1", line, column), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_continued_line_reports_errors_on_the_physical_line()
    {
        var error = Error("New-NetFirewallRule -DisplayName x `", "  -Protocol TCP `", "  -LocalPort 99999");
        Assert.Equal((3, 14), (error.Location.Line, error.Location.Column));
    }
}
