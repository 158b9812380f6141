using Xunit;

namespace GasTown.Deacon.Tests;

/// <summary>
/// Tests beside a real writer process, whose outcome depends on that writer being scheduled: they run alone, after
/// the parallel ones, so that the property tests' thousands of iterations do not starve the writer and make a
/// heartbeat it is in the middle of writing look abandoned.
/// </summary>
[CollectionDefinition(nameof(UnloadedCollection), DisableParallelization = true)]
public sealed class UnloadedCollection
{
}
