using System.Collections.Immutable;
using PortImpact.Core.Change;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Knowledge;

namespace PortImpact.Cli.Input;

/// <summary>
/// Reads the <c>--close</c>, <c>--at</c> and <c>--direction</c> language. A bare port means TCP and UDP, as
/// the seed writes "TCP/UDP 135"; <c>tcp/135</c>, <c>udp/137-138</c> and service names (catalog aliases,
/// then IANA names) also work. Errors point at the option and the column of the bad item.
/// </summary>
public static class ClosureParser
{
    /// <summary>The closure <c>--close</c>, <c>--at</c> and <c>--direction</c> describe together.</summary>
    public static Closure Parse(string close, IEnumerable<string> at, string? direction, KnowledgeCatalog catalog) =>
        new(ParsePorts(close, catalog), ParsePlacements(at), ParseDirection(direction));

    public static PortSelection ParsePorts(string text, KnowledgeCatalog catalog, string option = "--close")
    {
        var result = PortSelection.None;
        var column = 1;
        foreach (var item in text.Split(','))
        {
            var token = item.Trim();
            var at = new SourceLocation(option, 1, column + (item.Length - item.TrimStart().Length));
            column += item.Length + 1;
            if (token.Length == 0) throw new InputException(at, Messages.Format("CliEmptyCloseItem", text));
            result = result.Union(ParseItem(token, catalog, at));
        }
        return result;
    }

    private static PortSelection ParseItem(string token, KnowledgeCatalog catalog, SourceLocation at)
    {
        var slash = token.IndexOf('/');
        Transport? transport = null;
        var rest = token;
        if (slash >= 0)
        {
            if (!TransportNames.TryParse(token[..slash], out var parsed))
            {
                throw new InputException(at, Messages.Format("CliNotTransport", token[..slash]));
            }
            transport = parsed;
            rest = token[(slash + 1)..];
        }
        PortSelection selection;
        if (rest.Length > 0 && char.IsDigit(rest[0]))
        {
            if (!PortSet.TryParse(rest, out var ports, out var error)) throw new InputException(at, error!);
            selection = PortSelection.Both(ports);
        }
        else if (!catalog.TryResolveServiceName(rest, out selection))
        {
            throw new InputException(at, Messages.Format("CliUnknownServiceName", rest));
        }
        return transport is { } only ? PortSelection.Of(only, selection[only]) : selection;
    }

    /// <summary>Each value may hold several placements separated by commas; all of them together form one set.</summary>
    public static ImmutableArray<Placement> ParsePlacements(IEnumerable<string> values)
    {
        var result = ImmutableArray.CreateBuilder<Placement>();
        foreach (var value in values)
        {
            var column = 1;
            foreach (var item in value.Split(','))
            {
                var token = item.Trim();
                var at = new SourceLocation("--at", 1, column);
                column += item.Length + 1;
                Placement placement = token switch
                {
                    "" => throw new InputException(at, Messages.Format("CliEmptyPlacement", InputEcho.Escape(value))),
                    _ => Placement.Parse(token),
                };
                result.Add(placement with { Location = at with { Column = at.Column + (item.Length - item.TrimStart().Length) } });
            }
        }
        return result.ToImmutable();
    }

    public static TrafficDirection? ParseDirection(string? value) => value switch
    {
        null => null,
        "in" => TrafficDirection.In,
        "out" => TrafficDirection.Out,
        "both" => TrafficDirection.Both,
        _ => throw new InputException(new SourceLocation("--direction", 1, 1), Messages.Format("CliBadDirection", value)),
    };
}
