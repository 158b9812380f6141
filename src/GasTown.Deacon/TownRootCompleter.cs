using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using GasTown.Deacon.Storage;

namespace GasTown.Deacon.Commands;

/// <summary>
/// Completes -TownRoot with the directories that are Gas Towns (holding mayor/town.json or a mayor/ folder), then
/// the other folders to walk through on the way to them, relative to the PowerShell location as typed.
/// </summary>
public sealed class TownRootCompleter : IArgumentCompleter
{
    private const int MaxResults = 200;

    private const string ResolveScript = "param($p) $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($p)";

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var cut = typed.LastIndexOfAny(new[] { '/', '\\' });
        var parentTyped = typed.Substring(0, cut + 1);
        var prefix = typed.Substring(cut + 1);

        string parent;
        try
        {
            // Completers get no cmdlet context; a script block runs in the session doing the completion, so it
            // resolves against that session's PowerShell location (and ~, and drives).
            var resolved = ScriptBlock.Create(ResolveScript).Invoke(parentTyped.Length == 0 ? "." : parentTyped);
            parent = resolved.Count == 1 && resolved[0]?.BaseObject is string path ? path : string.Empty;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            yield break;
        }

        if (parent.Length == 0)
        {
            yield break;
        }

        IEnumerable<string> directories;
        try
        {
            directories = Directory.EnumerateDirectories(parent, prefix + "*").Take(MaxResults * 4).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            yield break;
        }

        // Towns first, as finished values; then the other folders, ending in a separator, so that the next Tab walks
        // on into them (to /srv/towns/, say) as PowerShell's own path completion does.
        var separator = parentTyped.IndexOf('/') >= 0 ? '/' : parentTyped.IndexOf('\\') >= 0 ? '\\' : Path.DirectorySeparatorChar;
        var hidden = prefix.StartsWith(".", StringComparison.Ordinal);
        var candidates = directories
            .Where(d => hidden || !Path.GetFileName(d).StartsWith(".", StringComparison.Ordinal))
            .Select(d => (Path: d, IsTown: TownLocator.LooksLikeTown(d)))
            .OrderBy(d => d.IsTown ? 0 : 1)
            .ThenBy(d => d.Path, StringComparer.OrdinalIgnoreCase)
            .Take(MaxResults);
        foreach (var (directory, isTown) in candidates)
        {
            var name = Path.GetFileName(directory);
            var text = parentTyped + name + (isTown ? string.Empty : separator.ToString());
            var quoted = text.IndexOfAny(new[] { ' ', '\'', '$', '`', '&', '(', ')', '{', '}', ';', ',' }) >= 0
                ? "'" + text.Replace("'", "''") + "'"
                : text;
            yield return new CompletionResult(quoted, isTown ? name : name + separator, CompletionResultType.ProviderContainer, isTown ? $"{directory} (a town)" : directory);
        }
    }
}
