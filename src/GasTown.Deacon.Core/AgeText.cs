using System;
using System.Globalization;

namespace GasTown.Deacon;

/// <summary>Ages as people read them in a table: <c>45s</c>, <c>3m 12s</c>, <c>2h 5m</c>, <c>3d 4h</c>, <c>in 2m 5s</c>.</summary>
public static class AgeText
{
    /// <summary>Formats <paramref name="age"/>: the two largest units, whole seconds; negative ages read "in ...".</summary>
    public static string Format(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            return "in " + Format(age == TimeSpan.MinValue ? TimeSpan.MaxValue : age.Negate());
        }

        var seconds = (long)age.TotalSeconds;
        var days = seconds / 86400;
        var hours = seconds / 3600 % 24;
        var minutes = seconds / 60 % 60;
        var secs = seconds % 60;
        var culture = CultureInfo.InvariantCulture;
        if (days > 0)
        {
            return hours > 0 ? string.Format(culture, "{0}d {1}h", days, hours) : string.Format(culture, "{0}d", days);
        }

        if (hours > 0)
        {
            return minutes > 0 ? string.Format(culture, "{0}h {1}m", hours, minutes) : string.Format(culture, "{0}h", hours);
        }

        if (minutes > 0)
        {
            return string.Format(culture, "{0}m {1}s", minutes, secs);
        }

        return string.Format(culture, "{0}s", secs);
    }
}
