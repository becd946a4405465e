using System.Collections.Immutable;
using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// Reads <c>Get-NetFirewallRule | Format-List</c> text: blocks of <c>Property : value</c> lines separated by blank
/// lines (Windows PowerShell writes it as UTF-16LE when redirected). It states a rule's name, direction, action,
/// enabled flag and profiles but none of its filters — protocol, ports, addresses and program live in separate
/// objects (<c>Get-NetFirewallPortFilter</c> …). So every rule gets an opaque condition and may match: a result
/// that depends on one is uncertain, never silently permitted or denied. The file as a whole is reported once.
/// </summary>
public static class PowerShellListReader
{
    private static readonly OpaqueCondition NoFilters =
        new("filters not exported", "Get-NetFirewallRule shows no protocol, ports, addresses or program; they are in Get-NetFirewall*Filter");

    public static RuleSet Read(byte[] bytes, string file)
    {
        var text = TextDecoding.Utf8(bytes, file);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        LineLimit.Check(lines, file);
        var rules = ImmutableArray.CreateBuilder<ImportedRule>();
        // A value wrapped onto many lines grows in place: joining strings again for each line would take its length squared.
        var block = new Dictionary<string, (StringBuilder Value, int Line, int Column)>(StringComparer.OrdinalIgnoreCase);
        string? lastKey = null;
        var blockStart = 0;

        void Flush()
        {
            if (block.Count == 0) return;
            rules.Add(ToRule(block.ToDictionary(p => p.Key, p => (p.Value.Value.ToString(), p.Value.Line, p.Value.Column), StringComparer.OrdinalIgnoreCase), file, blockStart));
            block.Clear();
            lastKey = null;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart('\uFEFF');
            if (line.Trim().Length == 0)
            {
                Flush();
                continue;
            }
            var colon = line.IndexOf(" : ", StringComparison.Ordinal);
            var key = colon > 0 ? line[..colon].Trim() : "";
            if (colon > 0 && key.Length > 0 && key.All(char.IsAsciiLetterOrDigit))
            {
                if (block.Count == 0) blockStart = i + 1;
                if (block.ContainsKey(key)) throw new InputException(new SourceLocation(file, i + 1, 1), Messages.Format("PsListKeyTwice", InputEcho.Escape(key)));
                block[key] = (new StringBuilder(line[(colon + 3)..].Trim()), i + 1, colon + 4);
                lastKey = key;
            }
            else if (char.IsWhiteSpace(line[0]) && lastKey is not null)
            {
                // Format-List wraps a long value onto indented lines.
                block[lastKey].Value.Append(' ').Append(line.Trim());
            }
            else
            {
                throw new InputException(new SourceLocation(file, i + 1, 1), Messages.Format("PsListNotPropertyLine", InputEcho.Escape(line.Trim())));
            }
        }
        Flush();
        if (rules.Count == 0) throw new InputException(new SourceLocation(file, 1, 1), Messages.Format("PsListNoRules"));
        var ids = RuleIds.Numbered([.. rules.Select(r => r.Id)]);
        for (var i = 0; i < rules.Count; i++) rules[i] = rules[i] with { Id = ids[i] };

        var chain = new RuleChain("active", null, ChainKind.WindowsRules, null, 0, null, rules.ToImmutable(), new SourceLocation(file, 1, 1));
        NotUnderstood[] notes =
        [
            new(new SourceLocation(file, 1, 1), "filters not exported", $"{rules.Count} rules without protocol, ports, addresses or program: every rule may match", NotUnderstoodEffect.ChainUncertain),
        ];
        return new RuleSet(RuleSetFormat.WindowsPowerShell, file, PolicySemantics.WindowsFirewall, [chain], [], [], [.. notes]);
    }

    /// <summary>The rule of one block, its id the rule's name (numbered later where names repeat).</summary>
    private static ImportedRule ToRule(Dictionary<string, (string Value, int Line, int Column)> block, string file, int line)
    {
        (string Value, int Line, int Column) Required(string key) =>
            block.TryGetValue(key, out var found) ? found : throw new InputException(new SourceLocation(file, line, 1), Messages.Format("PsListRuleLacks", key));
        var title = block.TryGetValue("Name", out var name) ? name.Value : Required("DisplayName").Value;

        var action = Required("Action");
        var verdict = action.Value switch
        {
            "Allow" => RuleVerdict.Permit,
            "Block" => RuleVerdict.Deny,
            "AllowBypass" => RuleVerdict.Bypass,
            _ => throw new InputException(new SourceLocation(file, action.Line, action.Column), Messages.Format("PsListBadAction", InputEcho.Escape(action.Value))),
        };
        var direction = Required("Direction");
        var way = direction.Value switch
        {
            "Inbound" => TrafficDirection.In,
            "Outbound" => TrafficDirection.Out,
            _ => throw new InputException(new SourceLocation(file, direction.Line, direction.Column), Messages.Format("PsListBadDirection", InputEcho.Escape(direction.Value))),
        };
        var enabled = true;
        if (block.TryGetValue("Enabled", out var enabledText))
        {
            enabled = enabledText.Value switch
            {
                "True" => true,
                "False" => false,
                _ => throw new InputException(new SourceLocation(file, enabledText.Line, enabledText.Column), Messages.Format("PsListBadEnabled", InputEcho.Escape(enabledText.Value))),
            };
        }
        ImmutableArray<FirewallProfile> profiles = [];
        if (block.TryGetValue("Profile", out var profileText) && profileText.Value != "Any")
        {
            var parts = profileText.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var read = new List<FirewallProfile>();
            foreach (var part in parts)
            {
                if (!FirewallProfile.TryParse(part, out var profile))
                {
                    throw new InputException(new SourceLocation(file, profileText.Line, profileText.Column), Messages.Format("PsListBadProfile", FirewallProfile.Expected, InputEcho.Escape(part)));
                }
                read.Add(profile);
            }
            profiles = [.. read];
        }
        var text = string.Join(" | ", block.OrderBy(b => b.Value.Line).Select(b => $"{b.Key}: {b.Value.Value}"));
        return ImportedRule.Everything(title, new SourceLocation(file, line, 1), text, verdict) with
        {
            Direction = way,
            Enabled = enabled,
            Profiles = profiles,
            Opaque = [NoFilters],
        };
    }
}
