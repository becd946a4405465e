using System.Text;
using BenchmarkDotNet.Attributes;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;
using PortImpact.Formats.RuleSets;

namespace PortImpact.Bench;

/// <summary>
/// rules import and lint at the sizes: a 20,000-rule iptables-save and a 5,000-rule Windows policy (as a
/// reg export, and as a New-NetFirewallRule script).
/// Import is the whole read from bytes (detection, decoding, parsing); lint works on the imported rule set.
/// </summary>
[MemoryDiagnoser]
public class RuleSetBenchmarks
{
    private byte[] _iptables = [];
    private byte[] _windows = [];
    private byte[] _windowsScript = [];
    private RuleSet _iptablesSet = null!;
    private RuleSet _windowsSet = null!;

    [GlobalSetup]
    public void Setup()
    {
        _iptables = Encoding.UTF8.GetBytes(GeneratedRuleFiles.Iptables(20_000));
        _windows = GeneratedRuleFiles.WindowsRegistry(5_000);
        _windowsScript = Encoding.UTF8.GetBytes(GeneratedRuleFiles.WindowsScript(5_000));
        _iptablesSet = ImportIptables();
        _windowsSet = ImportWindows();
    }

    [Benchmark]
    public RuleSet ImportIptables() => RuleSetReader.Read(_iptables, "generated.iptables-save");

    [Benchmark]
    public int LintIptables() => RuleSetLinter.Lint(_iptablesSet).Length;

    [Benchmark]
    public RuleSet ImportWindows() => RuleSetReader.Read(_windows, "generated.reg");

    [Benchmark]
    public int LintWindows() => RuleSetLinter.Lint(_windowsSet).Length;

    [Benchmark]
    public RuleSet ImportWindowsScript() => RuleSetReader.Read(_windowsScript, "generated.ps1");
}
