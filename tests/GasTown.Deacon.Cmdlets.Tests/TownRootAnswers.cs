namespace GasTown.Deacon.Cmdlets.Tests;

/// <summary>What the fast path and PowerShell's path API made of one path; null where one declined or failed.</summary>
public sealed record TownRootAnswers(string? Fast, string? PowerShell, string? Provider);
