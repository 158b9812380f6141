using System;
using GasTown.Deacon.Errors;
using GasTown.Deacon.Storage;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace GasTown.Deacon.Tests;

public sealed class PokeCheckTests : IDisposable
{
    private readonly TempTown town = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 12, 1, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => town.Dispose();

    private PokeCheck Check() => PokeCheck.Run(new HeartbeatStore(town.Root, clock), HeartbeatThresholds.Default);

    [Fact]
    public void No_heartbeat_means_poke()
    {
        var check = Check();
        Assert.True(check.ShouldPoke);
        Assert.IsType<HeartbeatNotFoundException>(check.Problem);
        Assert.Null(check.Heartbeat);
    }

    [Fact]
    public void An_invalid_or_oversized_heartbeat_means_poke_with_the_reason()
    {
        town.WriteRaw("garbage");
        var check = Check();
        Assert.True(check.ShouldPoke);
        Assert.IsType<HeartbeatInvalidException>(check.Problem);
        Assert.Contains("invalid", check.Problem!.Message, StringComparison.Ordinal);

        town.WriteRaw(new byte[HeartbeatStore.MaxFileSize + 1]);
        var oversized = Check();
        Assert.True(oversized.ShouldPoke);
        Assert.IsType<HeartbeatTooLargeException>(oversized.Problem);
    }

    [Fact]
    public void Fresh_and_stale_do_not_poke_very_stale_and_future_do()
    {
        new HeartbeatStore(town.Root, clock).Update(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal((false, HeartbeatStatus.Fresh), (Check().ShouldPoke, Check().Heartbeat!.Status));
        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal((false, HeartbeatStatus.Stale), (Check().ShouldPoke, Check().Heartbeat!.Status));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal((true, HeartbeatStatus.VeryStale), (Check().ShouldPoke, Check().Heartbeat!.Status));

        new HeartbeatStore(town.Root, clock).Write(new HeartbeatRecord { Timestamp = clock.GetUtcNow().AddHours(1), Cycle = 9 }, TestContext.Current.CancellationToken);
        Assert.Equal((true, HeartbeatStatus.Future), (Check().ShouldPoke, Check().Heartbeat!.Status));
    }

    [Fact]
    public void A_missing_town_root_is_an_error_not_an_answer()
    {
        var store = new HeartbeatStore(System.IO.Path.Combine(town.Root, "gone"), clock);
        Assert.Throws<TownRootNotFoundException>(() => PokeCheck.Run(store, HeartbeatThresholds.Default));
    }
}
