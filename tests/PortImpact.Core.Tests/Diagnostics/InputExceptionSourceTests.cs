using System.Text;
using System.Text.RegularExpressions;

namespace PortImpact.Core.Tests.Diagnostics;

/// <summary>
/// No English sentence can come back into a bad-input message below the command line: in Core, Knowledge, Engine
/// and Formats, neither <c>new InputException(…)</c> nor a helper that builds one (a method returning
/// <c>InputException</c>, such as <c>Error(node, problem)</c>) is given a string literal or an interpolated string;
/// the sentence comes from <c>Messages.Format("Key", …)</c>, in English and Japanese.
/// </summary>
public sealed partial class InputExceptionSourceTests
{
    private static readonly string[] Projects = ["PortImpact.Core", "PortImpact.Knowledge", "PortImpact.Engine", "PortImpact.Formats"];

    [Fact]
    public void No_input_exception_is_given_a_literal_sentence()
    {
        var files = Projects
            .SelectMany(p => Directory.EnumerateFiles(Repository.Path("src", p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(Repository.Path(), f), Code: Skeleton(File.ReadAllText(f))))
            .ToList();
        var helpers = files.SelectMany(f => HelperDeclaration().Matches(f.Code).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Error", helpers);

        var calls = files.SelectMany(f => Calls(f.Code, helpers).Select(c => (f.File, c.Line, c.Name, c.Arguments))).ToList();
        Assert.True(calls.Count > 300, $"only {calls.Count} calls found: the scan no longer sees the readers");
        var literal = calls
            .Where(c => c.Arguments.Any(PassesLiteral))
            .Select(c => $"{c.File}:{c.Line}: {c.Name}({string.Join(", ", c.Arguments)})")
            .ToList();
        Assert.True(literal.Count == 0, "a literal sentence is given to an InputException; use Messages.Format(\"Key\", …) with the key in tools/resx/messages.tsv:\n"
            + string.Join("\n", literal));
    }

    [Fact]
    public void The_scan_tells_a_literal_from_a_message()
    {
        var code = Skeleton(""""
            throw new InputException(at, $"bad {x("y")}");
            throw new InputException(at, Messages.Format("Key", "value", f(1, "two")));
            throw node.Error(file, "literal" + more);
            throw Error(keys["at"], Messages.Format("Key", keys["x"]));
            throw Error(token, cond ? Messages.Format("A") : @"verbatim ""quoted""");
            var c = '"'; throw new InputException(at, problem);
            throw new InputException(at, string.Create(CultureInfo.InvariantCulture, $"{n:N0} rules"));
            public static InputException TooDeep(string file, int n) => new(At(file), $"deeper than {n}");
            """");
        var calls = Calls(code, new HashSet<string>(StringComparer.Ordinal) { "Error" }).ToList();
        Assert.Equal(["InputException", "InputException", "Error", "Error", "Error", "InputException", "InputException", "InputException"], calls.Select(c => c.Name));
        Assert.Equal([true, false, true, false, true, false, true, true], calls.Select(c => c.Arguments.Any(PassesLiteral)));
    }

    /// <summary>Calls of <c>new InputException</c> and of the helpers, with their arguments split at the top level.</summary>
    private static IEnumerable<(int Line, string Name, IReadOnlyList<string> Arguments)> Calls(string code, IReadOnlySet<string> helpers)
    {
        foreach (Match match in CallStart().Matches(code))
        {
            var isNew = match.Groups["new"].Success;
            var name = match.Groups["name"].Value;
            if (name == "new" && !isNew)
            {
                // A helper's target-typed new(…): InputException Error(…) => new(location, problem).
                var declaration = code.LastIndexOfAny([';', '{', '}'], Math.Max(0, match.Index - 1)) + 1;
                if (!HelperDeclaration().IsMatch(code[declaration..match.Index])) continue;
                (isNew, name) = (true, "InputException");
            }
            if (!isNew && !helpers.Contains(name)) continue;
            if (isNew && name != "InputException") continue;
            // A declaration (InputException Error(…) =>) is not a call.
            if (!isNew && code.AsSpan(0, match.Index).TrimEnd().EndsWith("InputException", StringComparison.Ordinal)) continue;
            var arguments = new List<string>();
            var depth = 0;
            var start = match.Index + match.Length;
            for (var i = start; i < code.Length; i++)
            {
                var c = code[i];
                if (c is '(' or '[' or '{') depth++;
                else if (c is ')' or ']' or '}')
                {
                    if (depth == 0)
                    {
                        arguments.Add(code[start..i].Trim());
                        break;
                    }
                    depth--;
                }
                else if (c == ',' && depth == 0)
                {
                    arguments.Add(code[start..i].Trim());
                    start = i + 1;
                }
            }
            yield return (1 + code.AsSpan(0, match.Index).Count('\n'), isNew ? "InputException" : name, arguments);
        }
    }

    /// <summary>
    /// Whether an argument passes a literal of its own: directly, or through the wrappers that only build a text from
    /// one (<c>string.Create(culture, $"…")</c>); a literal handed to another call (<c>Messages.Format("Key")</c>, an
    /// indexer <c>keys["at"]</c>) is that call's.
    /// </summary>
    private static bool PassesLiteral(string argument) =>
        Flatten(argument).Contains('"') || TextBuilder().IsMatch(argument);

    /// <summary>
    /// An argument with every nested call's arguments and every indexer (<c>keys["at"]</c>) taken out: what is left
    /// is what it passes itself.
    /// </summary>
    private static string Flatten(string argument)
    {
        var flat = argument;
        for (var previous = ""; previous != flat;)
        {
            previous = flat;
            flat = NestedGroup().Replace(flat, "#");
        }
        return flat;
    }

    /// <summary>
    /// The code with every string and character literal reduced to <c>""</c> and comments dropped, so that quotes,
    /// brackets and commas inside literals neither end an argument nor hide one.
    /// </summary>
    private static string Skeleton(string code)
    {
        var result = new StringBuilder(code.Length);
        var i = 0;
        while (i < code.Length)
        {
            var c = code[i];
            if (c == '/' && i + 1 < code.Length && code[i + 1] == '/')
            {
                while (i < code.Length && code[i] != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < code.Length && code[i + 1] == '*')
            {
                var end = code.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var stop = end < 0 ? code.Length : end + 2;
                result.Append('\n', code.AsSpan(i, stop - i).Count('\n'));
                i = stop;
                continue;
            }
            if (c == '\'')
            {
                var j = i + 1;
                while (j < code.Length && code[j] != '\'') j += code[j] == '\\' ? 2 : 1;
                result.Append("''");
                i = j + 1;
                continue;
            }
            var prefix = 0;
            var verbatim = false;
            var interpolated = false;
            while (i + prefix < code.Length && code[i + prefix] is '$' or '@')
            {
                if (code[i + prefix] == '@') verbatim = true; else interpolated = true;
                prefix++;
            }
            if (i + prefix < code.Length && code[i + prefix] == '"' && (prefix > 0 || c == '"'))
            {
                var start = i;
                i = SkipString(code, i + prefix, verbatim, interpolated);
                result.Append('\n', code.AsSpan(start, i - start).Count('\n')).Append("\"\"");
                continue;
            }
            result.Append(c);
            i++;
        }
        return result.ToString();
    }

    /// <summary>The index after the string literal whose opening quote is at <paramref name="quote"/>.</summary>
    private static int SkipString(string code, int quote, bool verbatim, bool interpolated)
    {
        if (code.AsSpan(quote).StartsWith("\"\"\""))
        {
            var quotes = 0;
            while (quote + quotes < code.Length && code[quote + quotes] == '"') quotes++;
            var end = code.IndexOf(new string('"', quotes), quote + quotes, StringComparison.Ordinal);
            return end < 0 ? code.Length : end + quotes;
        }
        var i = quote + 1;
        while (i < code.Length)
        {
            var c = code[i];
            if (verbatim && c == '"' && i + 1 < code.Length && code[i + 1] == '"') { i += 2; continue; }
            if (!verbatim && c == '\\') { i += 2; continue; }
            if (c == '"') return i + 1;
            if (interpolated && c == '{')
            {
                if (i + 1 < code.Length && code[i + 1] == '{') { i += 2; continue; }
                i = SkipHole(code, i + 1);
                continue;
            }
            i++;
        }
        return i;
    }

    /// <summary>The index after the <c>}</c> closing an interpolation hole that starts at <paramref name="i"/>.</summary>
    private static int SkipHole(string code, int i)
    {
        var depth = 0;
        while (i < code.Length)
        {
            var c = code[i];
            if (c == '"' || (c is '$' or '@' && i + 1 < code.Length && code[i + 1] is '"' or '$' or '@'))
            {
                var prefix = 0;
                var verbatim = false;
                var interpolated = false;
                while (code[i + prefix] is '$' or '@')
                {
                    if (code[i + prefix] == '@') verbatim = true; else interpolated = true;
                    prefix++;
                }
                i = SkipString(code, i + prefix, verbatim, interpolated);
                continue;
            }
            if (c == '\'')
            {
                var j = i + 1;
                while (j < code.Length && code[j] != '\'') j += code[j] == '\\' ? 2 : 1;
                i = j + 1;
                continue;
            }
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']') depth--;
            else if (c == '}')
            {
                if (depth == 0) return i + 1;
                depth--;
            }
            i++;
        }
        return i;
    }

    [GeneratedRegex(@"\bstring\s*\.\s*(Create|Format|Concat)\s*\(")]
    private static partial Regex TextBuilder();

    [GeneratedRegex(@"\bInputException\s+(\w+)\s*\(")]
    private static partial Regex HelperDeclaration();

    [GeneratedRegex(@"(?<new>\bnew\s+)?\b(?<name>\w+)\s*\(")]
    private static partial Regex CallStart();

    [GeneratedRegex(@"\([^()\[\]]*\)|\[[^()\[\]]*\]")]
    private static partial Regex NestedGroup();
}
