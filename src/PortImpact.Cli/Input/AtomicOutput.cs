using System.Text;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Cli.Input;

/// <summary>
/// Writes a report to a file only once it is complete: text goes to a temporary file beside the target,
/// which then replaces the target in one rename, so a failure never leaves half a report.
/// </summary>
public static class AtomicOutput
{
    public static void Write(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (Directory.Exists(full)) throw new IOException("it is a directory");
            File.WriteAllText(temporary, content, new UTF8Encoding(false));
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(new SourceLocation(path, 1, 1), $"cannot write the report: {e.Message}");
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
