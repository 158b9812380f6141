<#
.SYNOPSIS
    Runs the core where the module runs besides the SDK's own runtime: what `./build.ps1 Editions` does.
.DESCRIPTION
    .NET 8 and 9 (pwsh 7.4 and 7.5 run on them): the core's xunit tests, built for each runtime that
    tools/Runtimes/Runtimes.Restore.csproj names and run on that runtime's pack from NuGet, laid out as a shared
    framework beside the SDK's host in <WorkPath>/dotnet. The stress test's worker runs there too.

    .NET 8 is what the module's net8.0 build (bin/net8.0) runs on in pwsh 7.4; the tests bind that build of the core.

    Mono (the nearest here to Windows PowerShell 5.1's .NET Framework): tests/GasTown.Deacon.FrameworkHarness, a
    net472 program run alone in a folder of its own, loads the module's assembly from the module's Windows PowerShell
    build (bin/netstandard2.0) and finds the rest through that build's ModuleAssemblyResolver, then checks the core
    (round trip, golden files, a watch).
    Mono is not installed by this script (Debian: apt-get install -y mono-complete); without it that part is
    reported as skipped.

    Ends with a table of what ran, on which runtime, and what passed; fails when anything that ran failed.
#>
[CmdletBinding()]
param(
    # The built module folder (out/GasTown.Deacon).
    [Parameter(Mandatory)] [string] $ModulePath,

    [ValidateSet('Debug', 'Release')] [string] $Configuration = 'Release',

    # Scratch space: the runtimes' layout and the builds for each.
    [Parameter(Mandatory)] [string] $WorkPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = Split-Path $PSScriptRoot

function Invoke-Checked([string] $Command, [string[]] $Arguments) {
    $output = & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE" }
    "$output".Trim()
}

# The SDK's host (the dotnet muxer and hostfxr), which the runtime packs sit beside.
function Get-DotnetHost {
    $path = if ($env:DOTNET_HOST_PATH) { $env:DOTNET_HOST_PATH } else { (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source }
    $item = Get-Item -LiteralPath $path
    if ($item.LinkType) { $item = Get-Item -LiteralPath $item.ResolvedTarget }
    $item.FullName
}

# <WorkPath>/dotnet: the SDK's muxer and hostfxr, and each runtime pack as shared/Microsoft.NETCore.App/<version>.
function New-RuntimeLayout([object[]] $Packs) {
    $muxer = Get-DotnetHost
    $layout = Join-Path $WorkPath 'dotnet'
    $null = New-Item -ItemType Directory -Force -Path $layout
    Copy-Item -LiteralPath $muxer -Destination $layout -Force
    Copy-Item -LiteralPath (Join-Path (Split-Path $muxer) 'host') -Destination $layout -Recurse -Force
    foreach ($pack in $Packs) {
        $framework = Join-Path $layout "shared/Microsoft.NETCore.App/$($pack.Version)"
        if (Test-Path -LiteralPath (Join-Path $framework 'Microsoft.NETCore.App.deps.json')) { continue }
        $rid = Get-ChildItem (Join-Path $pack.Path 'runtimes') -Directory | Select-Object -First 1
        $null = New-Item -ItemType Directory -Force -Path $framework
        Copy-Item -Path (Join-Path $rid.FullName "lib/$($pack.TargetFramework)/*") -Destination $framework -Recurse
        # hostfxr is the SDK's (newer hosts run older runtimes); the rest of the native part is the runtime's own.
        Get-ChildItem (Join-Path $rid.FullName 'native') | Where-Object Name -NotLike '*hostfxr*' | Copy-Item -Destination $framework
    }
    Join-Path $layout (Split-Path -Leaf $muxer)
}

function Invoke-CoreTests([object] $Pack, [string] $Muxer) {
    $tfm = $Pack.TargetFramework
    $tests = Invoke-Checked dotnet @('build', (Join-Path $root 'tests/GasTown.Deacon.Core.Tests/GasTown.Deacon.Core.Tests.csproj'), '-c', $Configuration,
        "-p:TestTargetFramework=$tfm", '--artifacts-path', (Join-Path $WorkPath "build-$tfm"), '-t:Build', '--nologo', '-getProperty:TargetPath')
    $xml = Join-Path $WorkPath "xunit-$tfm.xml"
    if (Test-Path -LiteralPath $xml) { Remove-Item -LiteralPath $xml }
    # The stress test starts its workers as "dotnet": the same host and runtime, through PATH.
    $saved = $env:PATH, $env:DOTNET_ROOT
    try {
        $env:DOTNET_ROOT = Split-Path $Muxer
        $env:PATH = (Split-Path $Muxer) + [IO.Path]::PathSeparator + $env:PATH
        $log = & $Muxer $tests -noColor -result-xml $xml
        $exit = $LASTEXITCODE
    }
    finally { $env:PATH, $env:DOTNET_ROOT = $saved }
    $log | Out-Host
    $runtime = ($log | Select-String -Pattern '\((?:64|32)-bit (\.NET [^)]+)\)' | Select-Object -First 1).Matches.Groups[1].Value
    if (-not (Test-Path -LiteralPath $xml)) {
        return [pscustomobject]@{ Suite = "xunit ($tfm)"; Runtime = $runtime; Passed = 0; Failed = 1; Note = "no results (exit code $exit)" }
    }
    $assembly = ([xml](Get-Content -Raw -LiteralPath $xml)).assemblies.assembly
    $failed = [int]$assembly.failed + [int]$assembly.errors
    if ($exit -ne 0 -and $failed -eq 0) { $failed = 1 }
    [pscustomobject]@{ Suite = "xunit ($tfm)"; Runtime = $runtime; Passed = [int]$assembly.passed; Failed = $failed
        Note = "$($assembly.total) tests, $($assembly.skipped) skipped" }
}

function Invoke-FrameworkHarness {
    $mono = Get-Command mono -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $mono) {
        Write-Warning 'Mono is not installed, so the core was not run on a .NET Framework runtime. Install it (Debian: apt-get install -y mono-complete) and run Editions again.'
        return [pscustomobject]@{ Suite = 'Mono harness'; Runtime = 'Mono: not installed'; Passed = 0; Failed = 0; Note = 'skipped' }
    }
    # Stamped like the module, so that the version the harness asks for is the one the module folder has.
    $version = (Import-PowerShellDataFile (Join-Path $root 'GasTown.Deacon.psd1')).ModuleVersion
    $exe = Invoke-Checked dotnet @('build', (Join-Path $root 'tests/GasTown.Deacon.FrameworkHarness/GasTown.Deacon.FrameworkHarness.csproj'), '-c', $Configuration,
        "-p:Version=$version", '--artifacts-path', (Join-Path $WorkPath 'build-framework'), '-t:Build', '--nologo', '-getProperty:TargetPath')
    # Alone: no library beside it and no .config (no binding redirects), as a module has none.
    $alone = Join-Path $WorkPath 'mono'
    if (Test-Path -LiteralPath $alone) { Remove-Item -LiteralPath $alone -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $alone
    Copy-Item -LiteralPath $exe -Destination $alone
    $log = & $mono.Source (Join-Path $alone (Split-Path -Leaf $exe)) (Join-Path $ModulePath 'bin/netstandard2.0') (Join-Path $root 'tests/golden')
    $exit = $LASTEXITCODE
    $log | Out-Host
    $runtime = ($log | Select-String -Pattern '^Runtime: (.+?)( \(|$)' | Select-Object -First 1).Matches.Groups[1].Value
    $counts = $log | Select-String -Pattern '^Mono harness: (\d+) passed, (\d+) failed' | Select-Object -First 1
    if (-not $counts) { return [pscustomobject]@{ Suite = 'Mono harness'; Runtime = $runtime; Passed = 0; Failed = 1; Note = "no counts (exit code $exit)" } }
    $resolved = @($log | Select-String -Pattern ': ModuleAssemblyResolver,').Count
    [pscustomobject]@{ Suite = 'Mono harness'; Runtime = $runtime; Passed = [int]$counts.Matches.Groups[1].Value; Failed = [int]$counts.Matches.Groups[2].Value
        Note = "$resolved libraries loaded through the resolver" }
}

$null = New-Item -ItemType Directory -Force -Path $WorkPath
$packs = @(& (Join-Path $PSScriptRoot 'Restore-BuildTools.ps1') -Project (Join-Path $PSScriptRoot 'Runtimes/Runtimes.Restore.csproj') |
    Where-Object Name -Like 'Microsoft.NETCore.App.Runtime.*')
$muxer = New-RuntimeLayout $packs
$results = @(foreach ($pack in $packs) { Invoke-CoreTests $pack $muxer }) + @(Invoke-FrameworkHarness)

$results | Format-Table Suite, Runtime, Passed, Failed, Note | Out-String -Width 160 | ForEach-Object { Write-Host $_.Trim("`r", "`n") }
$failed = ($results | Measure-Object Failed -Sum).Sum
if ($failed) { throw "Editions: $failed failed (see above)." }
