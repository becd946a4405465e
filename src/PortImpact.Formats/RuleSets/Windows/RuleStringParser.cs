using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// Splits a rule string of the [MS-GPFAS] 2.2.2.19 grammar — <c>v2.30|Action=Allow|Dir=In|…|</c> — into its
/// version and fields, shared by the reg export and Registry.pol readers (formats.md §1.2, §1.4). Fields are split
/// on <c>|</c> and each on its FIRST <c>=</c>, because descriptions hold <c>=</c> and IPv6 addresses hold <c>:</c>.
/// A leading upper-case <c>V</c> is accepted (Windows Service Hardening rules write <c>V2.0</c>). What breaks the
/// grammar is bad input: no version, a field without <c>=</c> or a key, a string not ended by <c>|</c> (cut short).
/// </summary>
internal static class RuleStringParser
{
    public static RuleDefinition Parse(string id, string text, SourceLocation ruleLocation, TextLocator locate)
    {
        if (text.Length == 0) throw new InputException(ruleLocation, Messages.Format("WfRuleEmpty", InputEcho.Escape(id)));
        if (text[0] is not ('v' or 'V'))
        {
            throw new InputException(locate(0), Messages.Format("WfRuleNoVersionFirst", InputEcho.Escape(id), InputEcho.Escape(text)));
        }
        var firstBar = text.IndexOf('|');
        if (firstBar < 0) throw new InputException(locate(0), Messages.Format("WfRuleNoBarAfterVersion", InputEcho.Escape(id)));
        var versionText = text[1..firstBar];
        if (!RuleSchemaVersion.TryParse(versionText, out var version))
        {
            throw new InputException(locate(1), Messages.Format("WfRuleBadVersion", InputEcho.Escape(versionText), InputEcho.Escape(id)));
        }
        if (text[^1] != '|')
        {
            throw new InputException(locate(text.Length - 1), Messages.Format("WfRuleNoFinalBar", InputEcho.Escape(id)));
        }
        var fields = ImmutableArray.CreateBuilder<RuleField>();
        var start = firstBar + 1;
        while (start < text.Length)
        {
            var end = text.IndexOf('|', start);
            var field = text[start..end];
            var equals = field.IndexOf('=');
            if (equals < 0)
            {
                throw new InputException(locate(start), Messages.Format("WfFieldNoEquals", InputEcho.Escape(field), InputEcho.Escape(id)));
            }
            if (equals == 0)
            {
                throw new InputException(locate(start), Messages.Format("WfFieldNoKey", InputEcho.Escape(field), InputEcho.Escape(id)));
            }
            var valueStart = start + equals + 1;
            fields.Add(new RuleField(field[..equals], field[(equals + 1)..], locate(start), index => locate(valueStart + index)));
            start = end + 1;
        }
        if (fields.Count == 0) throw new InputException(locate(firstBar), Messages.Format("WfRuleNoFields", InputEcho.Escape(id)));
        return new RuleDefinition(id, ruleLocation, text, version, version > RuleSchemaVersion.Newest, fields.ToImmutable());
    }
}
