using System;
using System.Management.Automation;

namespace GasTown.Deacon.Commands;

/// <summary>Refuses a zero or negative TimeSpan at binding time, so the error names the parameter.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class ValidatePositiveTimeSpanAttribute : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        if (arguments is TimeSpan value && value <= TimeSpan.Zero)
        {
            throw new ValidationMetadataException($"The threshold must be greater than zero; {value} is not.");
        }
    }
}
