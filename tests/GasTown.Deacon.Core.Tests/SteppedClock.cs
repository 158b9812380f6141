using System;
using Microsoft.Extensions.Time.Testing;

namespace GasTown.Deacon.Tests;

/// <summary>
/// A machine clock that NTP steps: the wall clock jumps by <see cref="Step"/> while the monotonic timestamps run on
/// undisturbed. <see cref="Advance"/> moves both, as time passing does.
/// </summary>
internal sealed class SteppedClock : TimeProvider
{
    private readonly FakeTimeProvider ticking;
    private TimeSpan stepped;

    public SteppedClock(DateTimeOffset start) => ticking = new FakeTimeProvider(start);

    public override long TimestampFrequency => ticking.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => ticking.GetUtcNow() + stepped;

    public override long GetTimestamp() => ticking.GetTimestamp();

    /// <summary>Time passes.</summary>
    public void Advance(TimeSpan delta) => ticking.Advance(delta);

    /// <summary>The wall clock alone is set <paramref name="delta"/> ahead (negative: back).</summary>
    public void Step(TimeSpan delta) => stepped += delta;
}
