using System.Globalization;

namespace PortImpact.Cli.Rendering;

/// <summary>
/// Counts in sentences: <c>{0:plural:hop|hops}</c> writes "1 hop", "3 hops". English has two forms, one for exactly
/// one and one for the rest; Japanese counts with a counter word (3 件) and its sentences need no such item.
/// </summary>
public sealed class PluralFormatter(CultureInfo culture) : IFormatProvider, ICustomFormatter
{
    private const string Prefix = "plural:";

    public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : culture.GetFormat(formatType);

    public string Format(string? format, object? arg, IFormatProvider? formatProvider)
    {
        if (format is not null && format.StartsWith(Prefix, StringComparison.Ordinal) && arg is IConvertible number && IsWholeNumber(arg))
        {
            var forms = format[Prefix.Length..].Split('|');
            if (forms.Length != 2) throw new FormatException($"a plural item names two forms, one|other: '{format}'");
            var count = number.ToInt64(culture);
            return $"{count.ToString(culture)} {(count == 1 ? forms[0] : forms[1])}";
        }
        return arg switch
        {
            IFormattable formattable => formattable.ToString(format, culture),
            null => "",
            _ => arg.ToString() ?? "",
        };
    }

    private static bool IsWholeNumber(object arg) => arg is int or long or short or byte or uint or ulong or ushort or sbyte;
}
