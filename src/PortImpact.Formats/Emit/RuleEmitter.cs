namespace PortImpact.Formats.Emit;

/// <summary>An emitter as a format folder declares it: its name, its capability table and its writer.</summary>
public sealed record RuleEmitter(string Id, string Title, string FileExtension, EmitCapabilities Capabilities, Func<ChangeAtPoint, EmitOptions, string> Writer) : IRuleEmitter
{
    public string Write(ChangeAtPoint change, EmitOptions options) => Writer(change, options);
}
