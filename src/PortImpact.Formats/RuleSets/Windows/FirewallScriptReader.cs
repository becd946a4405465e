using System.Text.RegularExpressions;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// Reads a script that creates Windows Defender Firewall rules — PowerShell (<c>New-NetFirewallRule</c>,
/// <c>Remove-NetFirewallRule</c>, <c>Set-NetFirewallProfile</c>) or cmd (<c>netsh advfirewall firewall add rule</c>,
/// <c>delete rule</c>, <c>netsh advfirewall set … state|firewallpolicy</c>), or both mixed, such as
/// <c>rules emit --target powershell|netsh</c> writes or admins keep to deploy rules. The commands are run in
/// order against an empty store (<see cref="ScriptRun"/>): the result is the rules and profile settings the script
/// leaves behind; rules already on a machine are not in it.
/// <para>
/// Each logical line (<see cref="ScriptLine"/>) is a netsh command, read by netsh's rules
/// (<see cref="NetshCommandParser"/>, run by <see cref="NetshFirewallCommands"/>), or PowerShell statements
/// (<see cref="PowerShellCommandParser"/>, run by <see cref="PowerShellFirewallCommands"/>). Each command is turned
/// into the rule grammar's keys and read by <see cref="RuleInterpreter"/>, leniently, so a rule means what it
/// means in a <c>reg export</c>. What is computed when the script runs (a variable, <c>%VAR%</c>) cannot be known
/// here: in a filter it makes the rule "may match"; in the direction, action or enabled flag, or in a firewall
/// command this reader does not know (Set-NetFirewallRule, Disable-NetFirewallRule, netsh … set rule), it makes
/// every result uncertain — the command is kept as rules that may allow (over blocks) or may block anything, both
/// ways. Other statements are skipped and listed.
/// </para>
/// </summary>
internal static partial class FirewallScriptReader
{
    /// <summary>True when one of the text's first command lines is a firewall command of PowerShell or netsh.</summary>
    internal static bool LooksLikeScript(string text)
    {
        foreach (var raw in text.Split('\n').Take(200))
        {
            var line = raw.Trim().TrimStart('@');
            if (line.Length == 0 || ScriptLine.IsComment(line)) continue;
            if (FirewallCommandStart().IsMatch(line)) return true;
        }
        return false;
    }

    public static RuleSet Read(byte[] bytes, string file, PortSet? rpcDynamicPorts = null)
    {
        var run = new ScriptRun(file, rpcDynamicPorts);
        foreach (var line in ScriptLine.Split(TextDecoding.Utf8(bytes, file), file))
        {
            if (line.Text.Trim().Length == 0 || ScriptLine.IsComment(line.Text)) continue;
            var rest = line;
            if (ScriptLine.IsNetsh(line.Text))
            {
                var netsh = NetshCommandParser.Parse(line);
                NetshFirewallCommands.Run(run, line, netsh.Words);
                if (netsh.NextStatement is not { } next) continue;
                rest = line.Rest(next);
            }
            foreach (var command in PowerShellCommandParser.Parse(rest)) PowerShellFirewallCommands.Run(run, command);
        }
        return run.Finish();
    }

    [GeneratedRegex(@"^(\$\w+\s*=\s*)?(New-NetFirewallRule|Remove-NetFirewallRule|Set-NetFirewallProfile|netsh(\.exe)?\s+advfirewall)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FirewallCommandStart();
}
