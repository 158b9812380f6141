<#
.SYNOPSIS
    Builds, tests and demonstrates the GasTown.Deacon module.
.DESCRIPTION
    Restores the build's tools from NuGet (tools/BuildTools/BuildTools.Restore.csproj: Invoke-Build and Pester), then runs
    the tasks of GasTown.Deacon.build.ps1 with Invoke-Build:

    Build     lays out the module in out/GasTown.Deacon (importable by path).
    Test      builds and packages, runs the core's xunit tests and the cmdlets' inside the engine (both under coverage,
              whose line and branch figures per assembly it prints), then Pester against out/GasTown.Deacon in a child
              pwsh, and ends with one line "N passed, N failed" over all three; exits non-zero on any failure.
              TestCore (xunit, the core), TestCmdlets (xunit, the cmdlets in-process) and TestModule (Pester) run one.
    Demo      builds, then shows the cmdlets on a scratch town (or, read-only, on the real town given with -TownRoot).
    Package   builds, then makes a gallery-ready nupkg in artifacts/package.
    Bench     builds, measures and rewrites docs/benchmarks.md. Not part of Test: it takes several minutes.
    Editions  the core's xunit tests on .NET 8 and 9, and the core under Mono through the module's resolver.
    Clean     removes out/ and artifacts/.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
.EXAMPLE
    dotnet pwsh ./build.ps1 Demo -TownRoot ~/gt
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'TestCore', 'TestCmdlets', 'TestModule', 'Demo', 'Package', 'Bench', 'Editions', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Demo: a real town to show, read-only. Omitted, the demo makes a scratch town.
    [string] $TownRoot
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# A log (CI, a file) gets plain text; a terminal keeps its colours.
if ([Console]::IsOutputRedirected -or $env:NO_COLOR) { $PSStyle.OutputRendering = 'PlainText' }

$tools = @(& (Join-Path $PSScriptRoot 'tools/Restore-BuildTools.ps1'))
$invokeBuild = Join-Path ($tools | Where-Object Name -EQ 'Invoke-Build').Path 'tools/Invoke-Build.ps1'
$parameters = @{ Configuration = $Configuration; BuildTools = $tools }
if ($TownRoot) { $parameters.TownRoot = (Resolve-Path -LiteralPath $TownRoot).ProviderPath }

& $invokeBuild -Task $Task -File (Join-Path $PSScriptRoot 'GasTown.Deacon.build.ps1') -Result result -Safe @parameters

# The line CI reads comes last, after Invoke-Build's own summary.
$test = $result.Tasks | Where-Object Name -EQ 'Test' | Select-Object -First 1
if ($test -and $test.Data) { "$($test.Data.Passed) passed, $($test.Data.Failed) failed" }
exit ([int]($null -ne $result.Error))
