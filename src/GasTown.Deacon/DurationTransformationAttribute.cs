using System;
using System.Globalization;
using System.Management.Automation;

namespace GasTown.Deacon.Commands;

/// <summary>
/// Lets every TimeSpan parameter take a duration as people write it: a [TimeSpan]; a number, or a string that is a
/// number, as seconds; Go's duration text (<c>5m</c>, <c>1h30m</c>); TimeSpan text (<c>00:05:00</c>). Without it a
/// bare <c>300</c> binds as 300 ticks (30 us), and a cron check written that way pokes on every run.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case null:
                throw new ArgumentTransformationMetadataException($"A duration is required. Use {DurationText.AcceptedForms}.");
            case TimeSpan span:
                return span;
            case string text:
                return DurationText.TryParse(text, out var parsed, out var error)
                    ? parsed
                    : throw new ArgumentTransformationMetadataException(error);
            case byte or sbyte or short or ushort or int or uint or long or ulong or decimal:
                return FromSeconds(Convert.ToDecimal(value, CultureInfo.InvariantCulture), value);
            case float or double:
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsNaN(number) || double.IsInfinity(number) || Math.Abs(number) > (double)decimal.MaxValue)
                {
                    throw new ArgumentTransformationMetadataException($"{number.ToString(CultureInfo.InvariantCulture)} is not a number of seconds. Use {DurationText.AcceptedForms}.");
                }

                return FromSeconds((decimal)number, value);
            default:
                throw new ArgumentTransformationMetadataException(
                    $"A {value.GetType().Name} is not a duration. Use {DurationText.AcceptedForms}.");
        }
    }

    private static TimeSpan FromSeconds(decimal seconds, object original) =>
        DurationText.TryFromSeconds(seconds, out var span, out var error, Convert.ToString(original, CultureInfo.InvariantCulture))
            ? span
            : throw new ArgumentTransformationMetadataException(error);
}
