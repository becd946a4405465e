namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>The rules a script has made so far and not removed, in the order it made them.</summary>
internal sealed class ScriptRuleStore
{
    private readonly List<ScriptRule> _rules = [];

    public int Count => _rules.Count;

    public void Add(ScriptRule rule) => _rules.Add(rule);

    public void Clear() => _rules.Clear();

    public IEnumerable<ScriptRule> InOrder() => _rules;

    public void RemoveAll(Predicate<ScriptRule> match) => _rules.RemoveAll(match);
}
