using System;
using System.Globalization;

namespace GasTown.Deacon.Tests;

/// <summary>
/// Runs a test under a given current culture and UI culture, and puts the previous ones back. The golden tests
/// run under cultures whose number formats differ from the invariant one (sv-SE's minus is U+2212, fa-IR and
/// ar-SA add direction marks, th-TH has its own calendar) so that culture-sensitive formatting shows up as a
/// byte difference.
/// </summary>
internal sealed class CultureScope : IDisposable
{
    /// <summary>The cultures the golden tests run under; "invariant" stands for the invariant culture.</summary>
    public static readonly string[] Names = { "invariant", "sv-SE", "fa-IR", "ar-SA", "th-TH" };

    private readonly CultureInfo culture;
    private readonly CultureInfo uiCulture;

    public CultureScope(string name)
    {
        culture = CultureInfo.CurrentCulture;
        uiCulture = CultureInfo.CurrentUICulture;
        var target = name == "invariant" ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentCulture = target;
        CultureInfo.CurrentUICulture = target;
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
    }
}
