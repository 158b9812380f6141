using System;
using System.Management.Automation;

namespace GasTown.Deacon.Commands;

/// <summary>
/// Refuses a negative TimeSpan (and a zero one unless <see cref="AllowZero"/>) at binding time, so the error
/// names the parameter before any work starts.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class ValidateTimeSpanAttribute : ValidateArgumentsAttribute
{
    /// <summary>Whether zero is accepted (a lock timeout of zero means "do not wait").</summary>
    public bool AllowZero { get; set; }

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        if (arguments is not TimeSpan value)
        {
            return;
        }

        if (value < TimeSpan.Zero || (value == TimeSpan.Zero && !AllowZero))
        {
            throw new ValidationMetadataException(AllowZero
                ? $"The duration cannot be negative; {DurationText.Format(value)} is."
                : $"The duration must be greater than zero; {DurationText.Format(value)} is not.");
        }
    }
}
