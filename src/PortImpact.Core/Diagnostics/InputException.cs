namespace PortImpact.Core.Diagnostics;

/// <summary>
/// Bad input from a user: a malformed file, an unknown name, a value out of range. Always carries the
/// place it was found so the message can name file, line and column; the CLI maps it to exit code 2.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(SourceLocation location, string problem)
        : base($"{location}: {problem}")
    {
        Location = location;
        Problem = problem;
    }

    public SourceLocation Location { get; }

    public string Problem { get; }
}
