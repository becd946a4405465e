namespace PortImpact.Formats.Emit;

/// <summary>
/// A rule language a change can be written in (<c>rules emit --target</c>, <c>--emit DIR</c>): its name, its
/// table of what it can express (<see cref="Capabilities"/>), and the writer. It lives in the folder of the
/// format that reads its output back, and is listed through that format (<see cref="RuleSets.IRuleFormat.Emitters"/>).
/// </summary>
public interface IRuleEmitter
{
    /// <summary>The name users write for it: <c>--target nft</c>.</summary>
    string Id { get; }

    /// <summary>What it writes, for help.</summary>
    string Title { get; }

    /// <summary>The file name ending of what it writes under <c>--emit DIR</c>.</summary>
    string FileExtension { get; }

    EmitCapabilities Capabilities { get; }

    /// <summary>
    /// The rule text. <see cref="ChangeEmitter.Emit"/> has checked what every target shares (router or host,
    /// one-way closures); the writer refuses with <see cref="EmitRefusedException"/> what only it cannot express.
    /// </summary>
    string Write(ChangeAtPoint change, EmitOptions options);
}
