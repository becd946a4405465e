namespace PortImpact.Fuzz;

/// <summary>
/// One reader under fuzzing: a name for the command line, the reader run on an input's bytes, and which seed
/// files it starts from. The reader may refuse an input only with <see cref="Core.Diagnostics.InputException"/>;
/// any other exception, a hang or a run on the memory is a finding.
/// </summary>
public sealed record FuzzTarget(string Name, Action<byte[]> Run, Func<string, byte[], bool> TakesSeed);
