using System.Text;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Cli.Input;

/// <summary>
/// Writes files only once they are complete: each text goes to a temporary file beside its target, and only
/// when every one is written do they replace their targets, each in one rename. A failure never leaves half
/// a file, and a command that writes two files (a report and a policy) writes neither if either fails.
/// </summary>
public static class AtomicOutput
{
    public static void Write(string path, string content, string? what = null) => WriteAll([(path, content, what ?? Messages.Format("CliWhatReport"))]);

    public static void WriteAll(IReadOnlyList<(string Path, string Content, string What)> files)
    {
        var targets = files.Select(f => Path.GetFullPath(f.Path)).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            if (targets.IndexOf(targets[i]) != i)
            {
                throw new InputException(new SourceLocation(files[i].Path, 1, 1), Messages.Format("CliWouldOverwrite", files[i].What, files[targets.IndexOf(targets[i])].What));
            }
        }
        var temporaries = new List<string>();
        var current = 0;
        try
        {
            for (current = 0; current < files.Count; current++)
            {
                var full = targets[current];
                if (Directory.Exists(full)) throw new IOException("it is a directory");
                var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
                temporaries.Add(temporary);
                File.WriteAllText(temporary, files[current].Content, new UTF8Encoding(false));
            }
            for (current = 0; current < files.Count; current++)
            {
                File.Move(temporaries[current], targets[current], overwrite: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(new SourceLocation(files[current].Path, 1, 1), Messages.Format("CliCannotWrite", files[current].What, e.Message));
        }
        finally
        {
            foreach (var temporary in temporaries)
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }
    }
}
