using BenchmarkDotNet.Running;

namespace PortImpact.Bench;

public static class Program
{
    /// <summary><c>dotnet run -c Release --project bench/PortImpact.Bench -- --filter '*'</c></summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
