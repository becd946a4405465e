using System.Globalization;
using System.Resources;

namespace PortImpact.Core.Diagnostics;

/// <summary>
/// The bad-input messages of every layer below the command line, in the reader's language: Messages.resx
/// (English) and Messages.ja.resx, generated from tools/resx/messages.tsv by tools/resx/make-messages.py.
/// The language is <see cref="CultureInfo.CurrentUICulture"/>, which the command line sets for the whole run, so a
/// reader deep in a rule file need not be told it; a culture without messages of its own reads English.
/// </summary>
public static class Messages
{
    private static readonly ResourceManager Resources = new("PortImpact.Core.Diagnostics.Messages", typeof(Messages).Assembly);

    /// <summary>
    /// The sentence <paramref name="key"/> with its arguments. Numbers are written the invariant way (1,048,576) in
    /// every language, as the files quoted in the messages write them.
    /// </summary>
    public static string Format(string key, params object?[] args)
    {
        // A missing key is a programming error that the tests catch (MessagesTests); it is never the user's input.
        var template = Resources.GetString(key, CultureInfo.CurrentUICulture)
            ?? throw new ArgumentException($"no message '{key}' in tools/resx/messages.tsv", nameof(key));
        return string.Format(CultureInfo.InvariantCulture, template, args);
    }
}
