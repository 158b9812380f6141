<#
.SYNOPSIS
    Measures the module and rewrites docs/benchmarks.md: what `./build.ps1 Bench` runs once the module is built.
.DESCRIPTION
    Core: BenchmarkDotNet over the store's read, write and update beside the raw file operations.
    Per call and fleet: Measure-Cmdlets.ps1 in a pwsh of its own.
    Cold start: a new pwsh process per command, as a scheduled task pays it.
    Watch: the benchmark program's "watch" mode, one process per fleet size (100 and 1,000 towns).
    The report keeps everything below its marker line (the notes on what was tried) and rewrites the rest.
#>
[CmdletBinding()]
param(
    # The built module folder (out/GasTown.Deacon).
    [Parameter(Mandatory)] [string] $ModulePath,

    # The built benchmark program and floor cmdlet (their TargetPath, from MSBuild).
    [Parameter(Mandatory)] [string] $BenchmarksPath,
    [Parameter(Mandatory)] [string] $FloorPath,

    # Scratch space for raw results, emptied first.
    [Parameter(Mandatory)] [string] $WorkPath,

    [Parameter(Mandatory)] [string] $ReportPath,

    # Watch: fleet sizes, and how long each sits idle while its CPU is measured.
    [int[]] $WatchTowns = @(100, 1000),
    [int] $WatchSettleSeconds = 30,
    [int] $WatchIdleSeconds = 30
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function Invoke-Native([string] $Command, [string[]] $Arguments) {
    & $Command @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE" }
}

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $n = $sorted.Count
    if ($n % 2) { $sorted[[int][math]::Floor($n / 2)] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

function Measure-ColdStart([string] $Command, [string] $Pwsh) {
    $psi = [Diagnostics.ProcessStartInfo]::new($Pwsh)
    foreach ($a in '-NoProfile', '-NonInteractive', '-Command', $Command) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $p = [Diagnostics.Process]::Start($psi)
    $null = $p.StandardOutput.ReadToEnd()
    $p.WaitForExit()
    $sw.Stop()
    if ($p.ExitCode -ne 0) { throw "'$Command' exited with $($p.ExitCode)" }
    $sw.Elapsed.TotalMilliseconds
}

function Verdict([bool] $Met) { if ($Met) { 'met' } else { '**missed**' } }

if (Test-Path -LiteralPath $WorkPath) { Remove-Item -LiteralPath $WorkPath -Recurse -Force }
$null = New-Item -ItemType Directory -Path $WorkPath

Write-Host '== Core (BenchmarkDotNet)'
Invoke-Native dotnet @($BenchmarksPath, '--filter', 'GasTown.Deacon.Benchmarks.CoreBenchmarks.*', '--warmupCount', '3', '--iterationCount', '15',
    '--launchCount', '1', '--exporters', 'github', '--artifacts', (Join-Path $WorkPath 'bdn'))
$coreReport = Get-ChildItem (Join-Path $WorkPath 'bdn/results') -Filter '*-report-github.md' | Select-Object -First 1
$core = (Get-Content -Raw -LiteralPath $coreReport.FullName) -replace '&#39;', ''

Write-Host '== Per call and fleet (one pwsh process)'
$cmdletsJson = Join-Path $WorkPath 'cmdlets.json'
Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'Measure-Cmdlets.ps1'),
    '-ModulePath', $ModulePath, '-FloorPath', $FloorPath, '-ResultPath', $cmdletsJson)
$cmdlets = Get-Content -Raw -LiteralPath $cmdletsJson | ConvertFrom-Json

Write-Host '== Cold start (a new pwsh process each)'
$pwsh = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
$town = Join-Path ([IO.Path]::GetTempPath()) "deacon-cold-$([guid]::NewGuid().ToString('N'))"
$null = New-Item -ItemType Directory -Path (Join-Path $town 'mayor')
$coldRounds = 15
$cold = @{ TestPath = @(); Import = @(); Poke = @() }
$ratios = @{ Poke = @(); Import = @() }
try {
    & $pwsh -NoProfile -NonInteractive -Command "Import-Module '$ModulePath'; `$null = Update-DeaconHeartbeat -TownRoot '$town' -ErrorAction Stop" | Out-Host
    if ($LASTEXITCODE -ne 0) { throw 'Could not write the cold-start town''s heartbeat.' }
    $null = Measure-ColdStart "Test-Path '$town'" $pwsh
    for ($i = 0; $i -lt $coldRounds; $i++) {
        $base = Measure-ColdStart "Test-Path '$town'" $pwsh
        $import = Measure-ColdStart "Import-Module '$ModulePath'" $pwsh
        $poke = Measure-ColdStart "Import-Module '$ModulePath'; Test-DeaconShouldPoke -TownRoot '$town'" $pwsh
        $cold.TestPath += $base; $cold.Import += $import; $cold.Poke += $poke
        $ratios.Poke += $poke / $base; $ratios.Import += $import / $base
    }
}
finally { Remove-Item -LiteralPath $town -Recurse -Force }

Write-Host '== Watch over a fleet (a process per fleet size)'
$watch = foreach ($towns in $WatchTowns) {
    $json = Join-Path $WorkPath "watch-$towns.json"
    Invoke-Native dotnet @($BenchmarksPath, 'watch', '--towns', "$towns", '--settle', "$WatchSettleSeconds", '--idle', "$WatchIdleSeconds", '--changes', '40', '--result', $json)
    Get-Content -Raw -LiteralPath $json | ConvertFrom-Json
}

$cpu = if (Test-Path /proc/cpuinfo) { ((Get-Content /proc/cpuinfo | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -split ':', 2)[1].Trim() } else { $env:PROCESSOR_IDENTIFIER }
$machine = "$cpu, $([Environment]::ProcessorCount) logical cores, $([Runtime.InteropServices.RuntimeInformation]::OSDescription), .NET $([Environment]::Version), PowerShell $($PSVersionTable.PSVersion)"
$pc = $cmdlets.PerCallUs; $r = $cmdlets.Ratios; $f = $cmdlets.Fleet
$pokeRatio = Get-Median $ratios.Poke
$importRatio = Get-Median $ratios.Import
$invariant = [Globalization.CultureInfo]::InvariantCulture
function Format-Number([string] $Format, $Value) { [string]::Format($invariant, $Format, $Value) }

$watchRows = foreach ($w in $watch) {
    $cpuMet = $w.Towns -gt 1000 -or $w.IdleCpuShare -le 0.02
    $latencyMet = $w.Missed -eq 0 -and $w.LatencyMaxMs -le 1500
    '| {0} | {1} | {2} | {3} / {4} / {5} ms | {6} | {7} MiB / {8} MiB / {9} MiB | {10} |' -f (Format-Number '{0:n0}' $w.Towns),
        (Format-Number '{0:0.00}%' ($w.IdleCpuShare * 100)), (Verdict $cpuMet),
        (Format-Number '{0:n0}' $w.LatencyP50Ms), (Format-Number '{0:n0}' $w.LatencyP95Ms), (Format-Number '{0:n0}' $w.LatencyMaxMs),
        $(if ($w.Missed) { "**$($w.Missed) of $($w.Changes) missed**" } else { Verdict $latencyMet }),
        (Format-Number '{0:0.0}' $w.ManagedMiB), (Format-Number '{0:0.0}' $w.WorkingSetMiB), (Format-Number '{0:0}' $w.ProcessWorkingSetMiB),
        $w.InotifyInstances
}

$notes = ''
$marker = '<!-- Everything below this line is kept when build.ps1 Bench rewrites the figures above. -->'
if (Test-Path -LiteralPath $ReportPath) {
    $existing = Get-Content -Raw -LiteralPath $ReportPath
    $at = $existing.IndexOf($marker)
    if ($at -ge 0) { $notes = $existing.Substring($at + $marker.Length).TrimStart("`r", "`n") }
}

$doc = @"
# Benchmarks

Measured by ``dotnet tool restore && dotnet pwsh ./build.ps1 Bench`` on $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm', $invariant)) UTC.
Machine: $machine.

These machines are noisy: every ratio below is taken between subjects measured side by side in the same round,
and the median over the rounds is reported.

## Per call, in one pwsh process

$($cmdlets.Rounds) rounds after $($cmdlets.WarmupCalls) warm-up calls of each binary cmdlet (the steady state: PowerShell and .NET's tiered JIT settle over tens of thousands of calls) and a warm-up round; in each, taken in $($cmdlets.Slices) slices with every subject's slice in turn, $($cmdlets.BinaryCalls) calls of each binary cmdlet and $($cmdlets.ScriptCalls) of the script
function, interleaved. The floor is ``Get-FloorLength`` (tests/GasTown.Deacon.Benchmarks.Floor): a binary cmdlet that reads
the heartbeat file's bytes and emits their length. The script function does what Get-DeaconHeartbeat does with
``Get-Content -Raw | ConvertFrom-Json`` (resolve the town, refuse a missing file, parse, classify the age, emit an object).

| subject | median per call | ratio | target | |
| --- | ---: | ---: | --- | --- |
| floor cmdlet | $(Format-Number '{0:n1}' $pc.Floor) us | 1.00 | | |
| Get-DeaconHeartbeat | $(Format-Number '{0:n1}' $pc.Get) us | $(Format-Number '{0:n2}' $r.GetOverFloor)x floor | at most 1.4x floor | $(Verdict ($r.GetOverFloor -le 1.4)) |
| Get-DeaconHeartbeat, town with a settings file | $(Format-Number '{0:n1}' $pc.GetSettings) us | $(Format-Number '{0:n2}' $r.GetSettingsOverFloor)x floor | at most 1.4x floor | $(Verdict ($r.GetSettingsOverFloor -le 1.4)) |
| Test-DeaconShouldPoke | $(Format-Number '{0:n1}' $pc.Test) us | $(Format-Number '{0:n2}' $r.TestOverFloor)x floor | at most 1.4x floor | $(Verdict ($r.TestOverFloor -le 1.4)) |
| script function | $(Format-Number '{0:n0}' $pc.Script) us | $(Format-Number '{0:n1}' $r.ScriptOverGet)x Get, $(Format-Number '{0:n1}' $r.ScriptOverTest)x Test | cmdlets at least 40x faster | $(Verdict ($r.ScriptOverGet -ge 40 -and $r.ScriptOverTest -ge 40)) |

## Fleet

``Get-ChildItem -Directory <fleet> | Get-DeaconHeartbeat``, every town with a heartbeat; $($cmdlets.FleetRounds) rounds after a warm-up.

| towns | median per town | ratio | target | |
| ---: | ---: | ---: | --- | --- |
| 400 | $(Format-Number '{0:n1}' $f.PerTownUs400) us | 1.00 | | |
| 4,000 | $(Format-Number '{0:n1}' $f.PerTownUs4000) us | $(Format-Number '{0:n2}' $f.Ratio) | at most 1.3 | $(Verdict ($f.Ratio -le 1.3)) |

## Cold start: what a scheduled task pays

A new ``pwsh -NoProfile -NonInteractive -Command ...`` each time, $coldRounds rounds of the three, interleaved.

| command | median | ratio to Test-Path | target | |
| --- | ---: | ---: | --- | --- |
| ``Test-Path <town>`` | $(Format-Number '{0:n0}' (Get-Median $cold.TestPath)) ms | 1.00 | | |
| ``Import-Module <out>`` | $(Format-Number '{0:n0}' (Get-Median $cold.Import)) ms | $(Format-Number '{0:n2}' $importRatio) | (reported) | |
| ``Import-Module <out>; Test-DeaconShouldPoke -TownRoot <town>`` | $(Format-Number '{0:n0}' (Get-Median $cold.Poke)) ms | $(Format-Number '{0:n2}' $pokeRatio) | at most 1.10 | $(Verdict ($pokeRatio -le 1.10)) |

## Watch over a fleet

``HeartbeatWatcher`` (what Watch-DeaconHeartbeat runs) in a process of its own per fleet size, every town with a
heartbeat. CPU: the whole process's CPU time over $WatchIdleSeconds s with no write, as a share of one core, after $WatchSettleSeconds s to settle (the
runtime recompiles the polling code once it has run 30 times).
Latency: 40 writes, each to a different town picked at random, at random moments (20 to 300 ms apart), from the
end of the write to the event for it. Memory: the managed heap and the working set the watch added, and the whole
process's working set. inotify: instances the process held while watching (the system allows 128 per user, shared
by every program).

| towns | idle CPU | target at most 2% (1,000 towns) | latency p50 / p95 / max | target every change within 1.5 s | memory: heap / working set added / process | inotify |
| ---: | ---: | --- | ---: | --- | ---: | ---: |
$($watchRows -join "`n")

## Core (BenchmarkDotNet)

Targets: read-and-parse at most 1.5x ``File.ReadAllBytes`` of the same file. Write and update are shown against a
plain ``File.WriteAllBytes``, which neither flushes to disk nor locks nor renames. For scale, the Go original reads
in 6.2 us against 4.5 us for a raw read (1.38x) on this kind of machine, and touches in 133 us without any flush or lock.

$($core.Trim())

$marker

$notes
"@
$null = New-Item -ItemType Directory -Force -Path (Split-Path $ReportPath)
Set-Content -LiteralPath $ReportPath -Value $doc.TrimEnd() -NoNewline
Write-Host "Wrote $ReportPath"
