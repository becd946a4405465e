using System.Collections.Immutable;
using System.Globalization;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;

namespace PortImpact.Knowledge.Loading;

/// <summary>
/// Reads the tab-separated IANA table that tools/iana/derive_iana_tsv.py writes: service, transport, first
/// port, last port, description. Lines starting with '#' are comments (the first records the CSV's sha256).
/// </summary>
internal static class IanaServiceTable
{
    public static ImmutableArray<IanaService> Read(string file, TextReader text)
    {
        var services = ImmutableArray.CreateBuilder<IanaService>();
        var lineNumber = 0;
        while (text.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            services.Add(ReadRow(file, lineNumber, line));
        }
        return services.ToImmutable();
    }

    private static IanaService ReadRow(string file, int lineNumber, string line)
    {
        var fields = line.Split('\t');
        if (fields.Length is < 4 or > 5)
        {
            throw new InputException(new SourceLocation(file, lineNumber, 1), Messages.Format("IanaFieldCount", fields.Length));
        }
        // Column numbers point at the start of the offending field so an editor can jump there.
        var columns = new int[fields.Length];
        for (var i = 1; i < fields.Length; i++)
        {
            columns[i] = columns[i - 1] + fields[i - 1].Length + 1;
        }
        SourceLocation At(int field) => new(file, lineNumber, columns[field] + 1);

        if (fields[0].Length == 0)
        {
            throw new InputException(At(0), Messages.Format("IanaEmptyService"));
        }
        if (!TransportNames.TryParse(fields[1], out var transport))
        {
            throw new InputException(At(1), Messages.Format("IanaNotTransport", fields[1]));
        }
        var first = Port(fields[2], At(2));
        var last = Port(fields[3], At(3));
        if (last < first)
        {
            throw new InputException(At(3), Messages.Format("IanaRangeBackwards", first, last));
        }
        var description = fields.Length == 5 ? fields[4] : string.Empty;
        return new IanaService(fields[0], transport, new PortRange(first, last), description);
    }

    private static int Port(string text, SourceLocation location) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= PortRange.MaxPort
            ? port
            : throw new InputException(location, Messages.Format("IanaNotPort", text, PortRange.MaxPort));
}
