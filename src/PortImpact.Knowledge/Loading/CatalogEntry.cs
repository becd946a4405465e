using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Knowledge.Loading;

/// <summary>
/// One parsed entry before it joins a catalog: its key (the id, or for a port note its transport and ports),
/// where it was written, and the names it refers to, which can only be checked once all files are merged.
/// </summary>
internal sealed record CatalogEntry<T>(string Key, T Value, SourceLocation Location, ImmutableArray<EntryReference> References);
