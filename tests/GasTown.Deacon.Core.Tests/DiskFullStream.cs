using System;
using System.IO;

namespace GasTown.Deacon.Tests;

/// <summary>A stream that fails with the disk-full error after some bytes, as a full file system does.</summary>
internal sealed class DiskFullStream : Stream
{
    private readonly Stream inner;
    private int left;

    public DiskFullStream(Stream inner, int bytesBeforeFailure)
    {
        this.inner = inner;
        left = bytesBeforeFailure;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        var now = Math.Min(count, left);
        inner.Write(buffer, offset, now);
        inner.Flush();
        left -= now;
        if (now < count)
        {
            throw new IOException("No space left on device");
        }
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
