using System;
using System.IO;
using System.Reflection;

namespace GasTown.Deacon;

/// <summary>
/// Symbolic links (and Windows junctions), told apart from other reparse points such as cloud-file placeholders.
/// netstandard2.0 has no API for this; .NET 6 and later have FileSystemInfo.LinkTarget, bound here once by
/// reflection. Without it (Windows PowerShell 5.1) every reparse point counts as a link.
/// </summary>
internal static class FileLinks
{
    private static readonly PropertyInfo? LinkTargetProperty = typeof(FileSystemInfo).GetProperty("LinkTarget");

    /// <summary>
    /// Whether <paramref name="path"/> itself is a link (dangling or not); <paramref name="target"/> is where it
    /// points, when known.
    /// </summary>
    public static bool IsLink(string path, out string? target)
    {
        target = null;
        FileAttributes attributes;
        try
        {
            attributes = File.GetAttributes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }

        if ((attributes & FileAttributes.ReparsePoint) == 0)
        {
            return false;
        }

        if (LinkTargetProperty is null)
        {
            return true;
        }

        target = (string?)LinkTargetProperty.GetValue(new FileInfo(path));
        return target is not null;
    }
}
