using PortImpact.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace PortImpact.Knowledge.Loading;

/// <summary>
/// The one place YAML text becomes a node tree, for models, overlays and catalogs alike, with the bounds a
/// hostile file must not cross: nesting deeper than <see cref="InputLimits.MaxNesting"/> (YamlDotNet's
/// representation model recurses once per level, and a few thousand levels end the process), aliases that
/// would expand past <see cref="InputLimits.MaxExpansion"/> nodes ("billion laughs": the tree is shared, but
/// every reader that walks it would walk each copy), and lines longer than <see cref="InputLimits.MaxLineLength"/>.
/// Every problem, including the scanner's own, becomes an <see cref="InputException"/> at its line and column.
/// </summary>
public static class YamlText
{
    /// <summary>The documents of the text, in order; an empty text has none.</summary>
    public static IReadOnlyList<YamlDocument> Load(string text, string file)
    {
        CheckLineLengths(text, file);
        var parser = new BoundedParser(new Parser(new StringReader(text)), file);
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (InputException)
        {
            throw;
        }
        catch (YamlException e)
        {
            var inner = e.InnerException is YamlException deeper ? deeper : e;
            throw new InputException(At(file, inner.Start), Messages.Format("YamlMalformed", Clean(inner.Message)));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner gives up on some byte sequences with a plain exception and no position; the
            // parser's last event says where it had got to.
            throw new InputException(parser.LastMark is { } mark ? At(file, mark) : new SourceLocation(file, 1, 1), Messages.Format("YamlMalformed", e.Message));
        }
        return [.. stream.Documents];
    }

    /// <summary>The first document's root, or null when the text holds none.</summary>
    public static YamlNode? LoadRoot(string text, string file)
    {
        var documents = Load(text, file);
        return documents.Count == 0 ? null : documents[0].RootNode;
    }

    public static SourceLocation At(string file, Mark mark) => new(file, ToInt(mark.Line), ToInt(mark.Column));

    private static int ToInt(long value) => value > int.MaxValue ? int.MaxValue : (int)value;

    private static void CheckLineLengths(string text, string file)
    {
        var line = 1;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n') continue;
            if (i - start > InputLimits.MaxLineLength)
            {
                throw new InputException(new SourceLocation(file, line, InputLimits.MaxLineLength + 1), Messages.Format("YamlLineTooLong", InputLimits.MaxLineLength));
            }
            line++;
            start = i + 1;
        }
    }

    private static string Clean(string message)
    {
        // YamlDotNet repeats the position in its message; ours already leads with it.
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return InputEcho.Escape(message.StartsWith("(Line", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message, 200);
    }

    /// <summary>A parser that counts, as events pass, how deep collections nest and how many nodes the aliases stand for.</summary>
    private sealed class BoundedParser(IParser inner, string file) : IParser
    {
        private readonly Stack<(string? Anchor, long Nodes)> _open = new();
        private readonly Dictionary<string, long> _anchorSizes = new(StringComparer.Ordinal);
        private long _expanded;

        public ParsingEvent? Current => inner.Current;

        public Mark? LastMark { get; private set; }

        public bool MoveNext()
        {
            if (!inner.MoveNext()) return false;
            var current = inner.Current!;
            LastMark = current.Start;
            switch (current)
            {
                case DocumentStart:
                    _open.Clear();
                    _anchorSizes.Clear();
                    _expanded = 0;
                    break;
                case MappingStart or SequenceStart:
                    if (_open.Count >= InputLimits.MaxNesting)
                    {
                        throw new InputException(At(file, current.Start), Messages.Format("YamlNestedTooDeep", InputLimits.MaxNesting));
                    }
                    _open.Push((AnchorOf((NodeEvent)current), 1));
                    Count(1);
                    break;
                case MappingEnd or SequenceEnd:
                    var (anchor, nodes) = _open.Pop();
                    if (anchor is not null) _anchorSizes[anchor] = nodes;
                    AddToParent(nodes);
                    break;
                case Scalar scalar:
                    if (AnchorOf(scalar) is { } named) _anchorSizes[named] = 1;
                    AddToParent(1);
                    Count(1);
                    break;
                case AnchorAlias alias:
                    // YAML lets an alias name only an anchor before it. YamlDotNet defers the others and, for an alias
                    // inside the node it names or used as a key, compares the alias with itself without end.
                    if (!_anchorSizes.TryGetValue(alias.Value.Value, out var size))
                    {
                        var name = InputEcho.Escape("*" + alias.Value.Value);
                        throw new InputException(At(file, current.Start), _open.Any(o => o.Anchor == alias.Value.Value)
                            ? Messages.Format("YamlAliasInsideItsAnchor", name)
                            : Messages.Format("YamlAliasWithoutAnchor", name));
                    }
                    AddToParent(size);
                    Count(size);
                    if (_expanded > InputLimits.MaxExpansion)
                    {
                        throw new InputException(At(file, current.Start), Messages.Format("YamlAliasesExpandTooFar", InputLimits.MaxExpansion));
                    }
                    break;
            }
            return true;
        }

        private void Count(long nodes) => _expanded += nodes;

        private void AddToParent(long nodes)
        {
            if (_open.Count == 0) return;
            var (anchor, count) = _open.Pop();
            _open.Push((anchor, count + nodes));
        }

        private static string? AnchorOf(NodeEvent node) => node.Anchor.IsEmpty ? null : node.Anchor.Value;
    }
}
