using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>
/// Tests that count what the whole process holds (open handles): they run alone, after the parallel ones, so that
/// no other test opens a file while they count.
/// </summary>
[CollectionDefinition(nameof(ProcessWideCollection), DisableParallelization = true)]
public sealed class ProcessWideCollection
{
}
