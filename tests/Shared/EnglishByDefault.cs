using System.Globalization;
using System.Runtime.CompilerServices;

namespace PortImpact.Tests.Shared;

/// <summary>
/// Tests assert English messages and reports unless they ask for Japanese (<c>--lang ja</c>, or a culture of their
/// own): on a machine whose UI language is Japanese, messages would otherwise follow it.
/// </summary>
internal static class EnglishByDefault
{
    [ModuleInitializer]
    internal static void Set()
    {
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("en");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
    }
}
