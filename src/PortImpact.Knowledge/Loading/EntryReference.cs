using PortImpact.Core.Diagnostics;

namespace PortImpact.Knowledge.Loading;

/// <summary>
/// A name one entry uses for another (a source id, a capability, a server role, a bulletin), kept with the
/// place it was written so a dangling name can be reported there after every file has been read.
/// </summary>
internal sealed record EntryReference(ReferenceKind Kind, string Id, SourceLocation Location);
