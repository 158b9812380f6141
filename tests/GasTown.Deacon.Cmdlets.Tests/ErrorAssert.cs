using System.Management.Automation;
using Xunit;

namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>Checks an error record as a script sees it: id and cmdlet, category, target, and what it prints.</summary>
internal static class ErrorAssert
{
    public static void Is(ErrorRecord error, string id, string command, ErrorCategory category, object? target, string? shown = null)
    {
        Assert.Equal($"{id},GasTown.Deacon.Commands.{command}", error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Equal(target, error.TargetObject is PSObject wrapped ? wrapped.BaseObject : error.TargetObject);
        if (shown is not null)
        {
            Assert.Equal(shown, error.ToString());
        }
    }
}
