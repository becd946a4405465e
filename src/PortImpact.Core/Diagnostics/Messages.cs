using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;

namespace PortImpact.Core.Diagnostics;

/// <summary>
/// The bad-input messages of every layer below the command line, in the reader's language: Messages.resx
/// (English) and Messages.ja.resx, generated from tools/resx/messages.tsv by tools/resx/make-messages.py.
/// The language is <see cref="CultureInfo.CurrentUICulture"/>, which the command line sets for the whole run, so a
/// reader deep in a rule file need not be told it; a culture without messages of its own reads English.
/// </summary>
public static partial class Messages
{
    private static readonly ResourceManager Resources = new("PortImpact.Core.Diagnostics.Messages", typeof(Messages).Assembly);

    // ResourceManager walks the culture's fallback chain on every lookup; a reader names what it reads with a phrase
    // per entry (20,000 hosts, 20,000 lookups), so each template is looked up once per culture.
    private static readonly ConcurrentDictionary<(string Culture, string Key), string> Templates = new();

    /// <summary>
    /// The sentence <paramref name="key"/> with its arguments. Numbers are written the invariant way (1,048,576) in
    /// every language, as the files quoted in the messages write them.
    /// </summary>
    public static string Format(string key, params object?[] args)
    {
        var culture = CultureInfo.CurrentUICulture;
        var template = Templates.GetOrAdd((culture.Name, key), static (entry, culture) =>
            // A missing key is a programming error that the tests catch (MessagesTests); it is never the user's input.
            Resources.GetString(entry.Key, culture) ?? throw new ArgumentException($"no message '{entry.Key}' in tools/resx/messages.tsv", nameof(key)), culture);
        return string.Format(CultureInfo.InvariantCulture, JoinJapaneseWords(template, args), args);
    }

    /// <summary>
    /// A Japanese sentence leaves a space around an argument so that a name in Latin letters stands apart
    /// (<c>subnets に</c>); Japanese writes no space between Japanese words, so where the argument is itself a
    /// Japanese phrase (<c>拠点</c>, from another message) that space is dropped: <c>拠点に</c>. Only the template's own
    /// spaces are touched, never the text of an argument (a rule name quoted from a file stays as written).
    /// </summary>
    private static string JoinJapaneseWords(string template, object?[] args)
    {
        if (!args.Any(a => a is string { Length: > 0 } s && (IsJapanese(s[0]) || IsJapanese(s[^1])))) return template;
        var dropped = new HashSet<int>();
        foreach (Match placeholder in Placeholder().Matches(template))
        {
            var index = int.Parse(placeholder.Groups["index"].Value, CultureInfo.InvariantCulture);
            if (index >= args.Length || args[index] is not string { Length: > 0 } text) continue;
            var before = placeholder.Index - 1;
            if (before >= 1 && template[before] == ' ' && IsJapanese(template[before - 1]) && IsJapanese(text[0])) dropped.Add(before);
            var after = placeholder.Index + placeholder.Length;
            if (after + 1 < template.Length && template[after] == ' ' && IsJapanese(template[after + 1]) && IsJapanese(text[^1])) dropped.Add(after);
        }
        return dropped.Count == 0 ? template : string.Concat(template.Where((_, i) => !dropped.Contains(i)));
    }

    // Hiragana, katakana (with ー), CJK punctuation and ideographs, and full-width forms.
    private static bool IsJapanese(char c) => c is >= '\u3000' and <= '\u30FF' or >= '\u4E00' and <= '\u9FFF' or >= '\uFF00' and <= '\uFFEF';

    // {{ is a literal brace, not a placeholder.
    [GeneratedRegex(@"(?<!\{)\{(?<index>\d+)[^{}]*\}")]
    private static partial Regex Placeholder();
}
