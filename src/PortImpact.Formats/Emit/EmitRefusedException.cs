namespace PortImpact.Formats.Emit;

/// <summary>
/// A change that a target cannot carry out exactly. Emitters refuse instead of writing rules that would
/// open more (or close more) than the engine evaluated; the CLI reports the message and exits with code 2.
/// </summary>
public sealed class EmitRefusedException(string message) : Exception(message);
