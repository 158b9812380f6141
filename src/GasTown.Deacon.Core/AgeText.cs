using System;
using static System.FormattableString;

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

        var total = (long)age.TotalSeconds;
        var (days, hours, minutes, seconds) = (total / 86400, total / 3600 % 24, total / 60 % 60, total % 60);
        return days > 0 ? Units(days, "d", hours, "h")
            : hours > 0 ? Units(hours, "h", minutes, "m")
            : minutes > 0 ? Invariant($"{minutes}m {seconds}s")
            : Invariant($"{seconds}s");
    }

    // The larger unit alone when the smaller one is zero: "2h", not "2h 0m".
    private static string Units(long large, string largeUnit, long small, string smallUnit) =>
        small > 0 ? Invariant($"{large}{largeUnit} {small}{smallUnit}") : Invariant($"{large}{largeUnit}");
}
