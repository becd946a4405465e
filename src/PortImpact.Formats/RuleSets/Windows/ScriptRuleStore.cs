namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>What a removal selects rules by.</summary>
internal enum RuleSelector
{
    /// <summary>The rule's Name (its ID; New-NetFirewallRule -Name, or one Windows made up).</summary>
    Name,
    /// <summary>The display name (-DisplayName, netsh's name=).</summary>
    DisplayName,
    /// <summary>The group (-Group, -DisplayGroup).</summary>
    Group,
}

/// <summary>
/// The rules a script has made so far and not removed, in the order it made them. A removal by exact names looks
/// them up, so a script of many <c>Remove-NetFirewallRule -Name X</c> or <c>netsh … delete rule name=X</c> lines
/// takes time in proportion to its length, not to its length times the rules it made; only a wildcard pattern
/// is matched against every rule still there.
/// </summary>
internal sealed class ScriptRuleStore
{
    // A removed rule leaves null behind, so the other rules keep their places in the lookups.
    private readonly List<ScriptRule?> _rules = [];
    private readonly Dictionary<string, List<int>>[] _lookups =
        [.. Enum.GetValues<RuleSelector>().Select(_ => new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase))];
    private int _removed;

    public int Count => _rules.Count - _removed;

    public void Add(ScriptRule rule)
    {
        _rules.Add(rule);
        Index(rule, _rules.Count - 1);
    }

    public void Clear()
    {
        _rules.Clear();
        foreach (var lookup in _lookups) lookup.Clear();
        _removed = 0;
    }

    public IEnumerable<ScriptRule> InOrder() => _rules.OfType<ScriptRule>();

    /// <summary>
    /// Removes every rule whose selected fields each match one of their patterns (all rules when there is no
    /// selector) and that <paramref name="alsoRequired"/> accepts.
    /// </summary>
    public void RemoveWhere(IReadOnlyList<(RuleSelector By, IReadOnlyList<PowerShellWildcard> Patterns)> selectors, Func<ScriptRule, bool> alsoRequired)
    {
        bool Selected(ScriptRule rule) =>
            selectors.All(s => Of(rule, s.By) is { } text && s.Patterns.Any(p => p.IsMatch(text))) && alsoRequired(rule);

        var exact = selectors.Where(s => s.Patterns.All(p => p.Exact is not null)).Take(1).ToList();
        if (exact is [var (by, patterns)])
        {
            var lookup = _lookups[(int)by];
            foreach (var name in patterns.Select(p => p.Exact!))
            {
                if (!lookup.TryGetValue(name, out var places)) continue;
                // Places of rules removed by another selector are dropped here too.
                places.RemoveAll(i => _rules[i] is not { } rule || (Selected(rule) && Remove(i)));
                if (places.Count == 0) lookup.Remove(name);
            }
        }
        else
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                if (_rules[i] is { } rule && Selected(rule)) Remove(i);
            }
        }
        if (_removed > 1024 && _removed > Count) Compact();
    }

    private bool Remove(int place)
    {
        _rules[place] = null;
        _removed++;
        return true;
    }

    private void Index(ScriptRule rule, int place)
    {
        foreach (var by in Enum.GetValues<RuleSelector>())
        {
            if (Of(rule, by) is not { } key) continue;
            if (!_lookups[(int)by].TryGetValue(key, out var places)) _lookups[(int)by][key] = places = [];
            places.Add(place);
        }
    }

    /// <summary>Drops the places of removed rules once they outnumber the rules left, so wildcard removals stay in proportion to what is left.</summary>
    private void Compact()
    {
        var left = _rules.OfType<ScriptRule>().ToList();
        Clear();
        foreach (var rule in left) Add(rule);
    }

    private static string? Of(ScriptRule rule, RuleSelector by) => by switch
    {
        RuleSelector.Name => rule.Name,
        RuleSelector.DisplayName => rule.DisplayName,
        _ => rule.Group,
    };
}
