<#
.SYNOPSIS
    Builds, tests and demonstrates the GasTown.Deacon module.
.DESCRIPTION
    Build  lays out the module in out/GasTown.Deacon (importable by path).
    Test   builds, runs the xunit tests of the core, then Pester against out/GasTown.Deacon in a child pwsh,
           and ends with one line "N passed, N failed" over both; exits non-zero on any failure.
    Demo   builds, then shows the cmdlets on a scratch town under the temp directory (or, read-only, on
           the real town given with -TownRoot).
    Package builds, then makes a gallery-ready nupkg of out/GasTown.Deacon in artifacts/package.
    Bench  builds, measures (BenchmarkDotNet for the core; per call, fleet and cold start for the cmdlets) and
           writes docs/benchmarks.md. Not part of Test: it takes several minutes.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench', 'DemoRun', 'PesterRun')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Demo: a real town to show, read-only. Omitted, the demo makes a scratch town.
    [string] $TownRoot,

    # Internal (PesterRun): where the child writes its counts.
    [string] $ResultPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = $PSScriptRoot
$moduleName = 'GasTown.Deacon'
$outDir = Join-Path $root "out/$moduleName"
$artifacts = Join-Path $root 'artifacts'

# What ships: the manifest, the format data, the two assemblies, and the libraries that Windows PowerShell 5.1
# (.NET Framework 4.7.2) lacks for System.Text.Json and TimeProvider. pwsh binds to its own newer copies.
$moduleFiles = @(
    'GasTown.Deacon.psd1'
    'LICENSE'
    'src/GasTown.Deacon/GasTown.Deacon.format.ps1xml'
    'src/GasTown.Deacon/GasTown.Deacon.types.ps1xml'
)
$helpFiles = @(
    'src/GasTown.Deacon/help/about_GasTown.Deacon.help.txt'
)
$moduleAssemblies = @(
    'GasTown.Deacon.dll'
    'GasTown.Deacon.Core.dll'
    'Microsoft.Bcl.AsyncInterfaces.dll'
    'Microsoft.Bcl.TimeProvider.dll'
    'System.Buffers.dll'
    'System.Memory.dll'
    'System.Numerics.Vectors.dll'
    'System.Runtime.CompilerServices.Unsafe.dll'
    'System.Text.Encodings.Web.dll'
    'System.Text.Json.dll'
    'System.Threading.Tasks.Extensions.dll'
)

function Invoke-Native {
    param([Parameter(Mandatory)] [string] $Command, [string[]] $Arguments = @())
    & $Command @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE" }
}

# The version lives in one place, the manifest; the assemblies are stamped with it.
function Get-ModuleVersion { (Import-PowerShellDataFile (Join-Path $root "$moduleName.psd1")).ModuleVersion }

function Invoke-Build {
    $publish = Join-Path $artifacts 'publish'
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/GasTown.Deacon/GasTown.Deacon.csproj'), '-c', $Configuration, '-o', $publish,
        "-p:Version=$(Get-ModuleVersion)", '--nologo', '-v', 'quiet')
    if (Test-Path $outDir) { Remove-Item $outDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $outDir, (Join-Path $outDir 'en-US')
    foreach ($file in $moduleFiles) { Copy-Item (Join-Path $root $file) $outDir }
    foreach ($assembly in $moduleAssemblies) { Copy-Item (Join-Path $publish $assembly) $outDir }
    foreach ($file in $helpFiles) { Copy-Item (Join-Path $root $file) (Join-Path $outDir 'en-US') }
    # MAML help is generated from the markdown sources and the built cmdlets, in a child process that loads them.
    Push-Location $root
    try {
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'src/GasTown.Deacon/help/Build-MamlHelp.ps1') `
            -ModulePath $outDir -OutFile (Join-Path $outDir "en-US/$moduleName.dll-Help.xml") | Out-Host
        if ($LASTEXITCODE -ne 0) { throw 'Generating the MAML help failed.' }
    }
    finally { Pop-Location }
    Write-Host "Module laid out in $outDir"
}

function Invoke-Package {
    Invoke-Build
    $packageDir = Join-Path $artifacts 'package'
    if (Test-Path $packageDir) { Remove-Item $packageDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $packageDir
    Compress-PSResource -Path $outDir -DestinationPath $packageDir
    $package = Get-ChildItem $packageDir -Filter '*.nupkg' | Select-Object -First 1
    if (-not $package) { throw "Compress-PSResource wrote no package to $packageDir" }
    Write-Host "Package: $($package.FullName)"
    $package.FullName
}

function Get-NuGetPackagesFolder {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = & dotnet nuget locals global-packages --list | Select-Object -First 1
    return ($line -replace '^global-packages:\s*', '').Trim()
}

function Invoke-XunitTests {
    $project = Join-Path $root 'tests/GasTown.Deacon.Core.Tests/GasTown.Deacon.Core.Tests.csproj'
    Invoke-Native dotnet @('build', $project, '-c', $Configuration, '--nologo', '-v', 'quiet')
    $null = New-Item -ItemType Directory -Force -Path $artifacts
    $xml = Join-Path $artifacts 'xunit.xml'
    if (Test-Path $xml) { Remove-Item $xml }
    $dll = Join-Path $root "tests/GasTown.Deacon.Core.Tests/bin/$Configuration/net10.0/GasTown.Deacon.Core.Tests.dll"
    & dotnet $dll -result-xml $xml -noColor | Out-Host
    $exit = $LASTEXITCODE
    if (-not (Test-Path $xml)) { return @{ Passed = 0; Failed = 1; Note = "xunit wrote no results (exit $exit)" } }
    $assembly = ([xml](Get-Content -Raw $xml)).assemblies.assembly
    $failed = [int]$assembly.failed + [int]$assembly.errors
    if ($exit -ne 0 -and $failed -eq 0) { $failed = 1 }
    return @{ Passed = [int]$assembly.passed; Failed = $failed; Note = "xunit: $($assembly.total) tests, $($assembly.passed) passed, $failed failed, $($assembly.skipped) skipped" }
}

function Invoke-PesterTests {
    Invoke-Native dotnet @('restore', (Join-Path $root 'tests/Pester/Pester.Restore.csproj'), '--nologo', '-v', 'quiet')
    $result = Join-Path $artifacts 'pester.json'
    if (Test-Path $result) { Remove-Item $result }
    # A child process: the module's DLL stays loaded (and locked) only there.
    Push-Location $root
    try { & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'build.ps1') PesterRun -ResultPath $result | Out-Host }
    finally { Pop-Location }
    $exit = $LASTEXITCODE
    if (-not (Test-Path $result)) { return @{ Passed = 0; Failed = 1; Note = "Pester wrote no results (exit $exit)" } }
    $counts = Get-Content -Raw $result | ConvertFrom-Json
    $failed = [int]$counts.Failed
    if ($exit -ne 0 -and $failed -eq 0) { $failed = 1 }
    return @{ Passed = [int]$counts.Passed; Failed = $failed; Note = "Pester: $($counts.Total) tests, $($counts.Passed) passed, $($counts.Failed) failed ($($counts.FailedContainers) failed containers, $($counts.FailedBlocks) failed blocks), $($counts.Skipped) skipped" }
}

function Invoke-PesterRun {
    $pester = Join-Path (Get-NuGetPackagesFolder) 'pester/6.2.0/tools/Pester.psd1'
    Import-Module $pester -Force
    $env:DEACON_MODULE = $outDir
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $root 'tests/Pester'
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $run = Invoke-Pester -Configuration $config
    # A container or discovery failure counts no failed test, so it is counted here as a failure of its own.
    $failed = $run.FailedCount + $run.FailedContainersCount + $run.FailedBlocksCount
    if ($run.Result -ne 'Passed' -and $failed -eq 0) { $failed = 1 }
    [ordered]@{
        Total = $run.TotalCount; Passed = $run.PassedCount; Failed = $failed; Skipped = $run.SkippedCount
        FailedContainers = $run.FailedContainersCount; FailedBlocks = $run.FailedBlocksCount; Result = $run.Result
    } | ConvertTo-Json | Set-Content -Path $ResultPath
    exit ([int]($failed -gt 0))
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

function Invoke-Bench {
    Invoke-Build
    $benchDir = Join-Path $artifacts 'bench'
    if (Test-Path $benchDir) { Remove-Item $benchDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $benchDir
    Invoke-Native dotnet @('build', (Join-Path $root 'tests/GasTown.Deacon.Benchmarks.Floor/GasTown.Deacon.Benchmarks.Floor.csproj'), '-c', 'Release', '--nologo', '-v', 'quiet')
    Invoke-Native dotnet @('build', (Join-Path $root 'tests/GasTown.Deacon.Benchmarks/GasTown.Deacon.Benchmarks.csproj'), '-c', 'Release', '--nologo', '-v', 'quiet')
    $floor = Join-Path $root 'tests/GasTown.Deacon.Benchmarks.Floor/bin/Release/netstandard2.0/GasTown.Deacon.Benchmarks.Floor.dll'

    Write-Host '== Core (BenchmarkDotNet)'
    Invoke-Native dotnet @((Join-Path $root 'tests/GasTown.Deacon.Benchmarks/bin/Release/net10.0/GasTown.Deacon.Benchmarks.dll'),
        '--filter', 'GasTown.Deacon.Benchmarks.CoreBenchmarks.*', '--warmupCount', '3', '--iterationCount', '15', '--launchCount', '1', '--exporters', 'github', '--artifacts', (Join-Path $benchDir 'bdn'))
    $core = (Get-Content -Raw (Get-ChildItem (Join-Path $benchDir 'bdn/results') -Filter '*-report-github.md' | Select-Object -First 1).FullName) -replace '&#39;', ''

    Write-Host '== Per call and fleet (one pwsh process)'
    $cmdletsJson = Join-Path $benchDir 'cmdlets.json'
    Push-Location $root
    try {
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/GasTown.Deacon.Benchmarks/Measure-Cmdlets.ps1') `
            -ModulePath $outDir -FloorPath $floor -ResultPath $cmdletsJson | Out-Host
        if ($LASTEXITCODE -ne 0) { throw 'Measure-Cmdlets.ps1 failed' }
    }
    finally { Pop-Location }
    $cmdlets = Get-Content -Raw $cmdletsJson | ConvertFrom-Json

    Write-Host '== Cold start (a new pwsh process each)'
    $pwsh = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
    $town = Join-Path ([IO.Path]::GetTempPath()) "deacon-cold-$([guid]::NewGuid().ToString('N'))"
    $null = New-Item -ItemType Directory -Path (Join-Path $town 'mayor')
    $coldRounds = 15
    $cold = @{ TestPath = @(); Import = @(); Poke = @() }
    $ratios = @{ Poke = @(); Import = @() }
    try {
        & $pwsh -NoProfile -NonInteractive -Command "Import-Module '$outDir'; `$null = Update-DeaconHeartbeat -TownRoot '$town' -ErrorAction Stop" | Out-Host
        if ($LASTEXITCODE -ne 0) { throw 'Could not write the cold-start town''s heartbeat.' }
        $null = Measure-ColdStart "Test-Path '$town'" $pwsh
        for ($i = 0; $i -lt $coldRounds; $i++) {
            $base = Measure-ColdStart "Test-Path '$town'" $pwsh
            $import = Measure-ColdStart "Import-Module '$outDir'" $pwsh
            $poke = Measure-ColdStart "Import-Module '$outDir'; Test-DeaconShouldPoke -TownRoot '$town'" $pwsh
            $cold.TestPath += $base; $cold.Import += $import; $cold.Poke += $poke
            $ratios.Poke += $poke / $base; $ratios.Import += $import / $base
        }
    }
    finally { Remove-Item $town -Recurse -Force }

    $cpu = if (Test-Path /proc/cpuinfo) { ((Get-Content /proc/cpuinfo | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -split ':', 2)[1].Trim() } else { $env:PROCESSOR_IDENTIFIER }
    $machine = "$cpu, $([Environment]::ProcessorCount) logical cores, $([Runtime.InteropServices.RuntimeInformation]::OSDescription), .NET $([Environment]::Version), PowerShell $($PSVersionTable.PSVersion)"
    $pc = $cmdlets.PerCallUs; $r = $cmdlets.Ratios; $f = $cmdlets.Fleet
    function Verdict([bool] $ok) { if ($ok) { 'met' } else { '**missed**' } }
    $pokeRatio = Get-Median $ratios.Poke
    $importRatio = Get-Median $ratios.Import
    $docPath = Join-Path $root 'docs/benchmarks.md'
    $notes = ''
    $marker = '<!-- Everything below this line is kept when build.ps1 Bench rewrites the figures above. -->'
    if (Test-Path $docPath) {
        $existing = Get-Content -Raw $docPath
        $at = $existing.IndexOf($marker)
        if ($at -ge 0) { $notes = $existing.Substring($at + $marker.Length).TrimStart("`r", "`n") }
    }
    $null = New-Item -ItemType Directory -Force -Path (Split-Path $docPath)
    $doc = @"
# Benchmarks

Measured by ``dotnet tool restore && dotnet pwsh ./build.ps1 Bench`` on $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm')) UTC.
Machine: $machine.

These machines are noisy: every ratio below is taken between subjects measured side by side in the same round,
and the median over the rounds is reported.

## Per call, in one pwsh process

$($cmdlets.Rounds) rounds after a warm-up round; in each, $($cmdlets.BinaryCalls) calls of each binary cmdlet and $($cmdlets.ScriptCalls) of the script
function, interleaved. The floor is ``Get-FloorLength`` (tests/GasTown.Deacon.Benchmarks.Floor): a binary cmdlet that reads
the heartbeat file's bytes and emits their length. The script function does what Get-DeaconHeartbeat does with
``Get-Content -Raw | ConvertFrom-Json`` (resolve the town, refuse a missing file, parse, classify the age, emit an object).

| subject | median per call | ratio | target | |
| --- | ---: | ---: | --- | --- |
| floor cmdlet | $('{0:n1}' -f $pc.Floor) us | 1.00 | | |
| Get-DeaconHeartbeat | $('{0:n1}' -f $pc.Get) us | $('{0:n2}' -f $r.GetOverFloor)x floor | at most 1.25x floor | $(Verdict ($r.GetOverFloor -le 1.25)) |
| Get-DeaconHeartbeat, town with a settings file | $('{0:n1}' -f $pc.GetSettings) us | $('{0:n2}' -f $r.GetSettingsOverFloor)x floor | at most 1.25x floor | $(Verdict ($r.GetSettingsOverFloor -le 1.25)) |
| Test-DeaconShouldPoke | $('{0:n1}' -f $pc.Test) us | $('{0:n2}' -f $r.TestOverFloor)x floor | at most 2x floor | $(Verdict ($r.TestOverFloor -le 2)) |
| script function | $('{0:n0}' -f $pc.Script) us | $('{0:n1}' -f $r.ScriptOverGet)x Get, $('{0:n1}' -f $r.ScriptOverTest)x Test | cmdlets at least 40x faster | $(Verdict ($r.ScriptOverGet -ge 40 -and $r.ScriptOverTest -ge 40)) |

## Fleet

``Get-ChildItem -Directory <fleet> | Get-DeaconHeartbeat``, every town with a heartbeat; $($cmdlets.FleetRounds) rounds after a warm-up.

| towns | median per town | ratio | target | |
| ---: | ---: | ---: | --- | --- |
| 400 | $('{0:n1}' -f $f.PerTownUs400) us | 1.00 | | |
| 4,000 | $('{0:n1}' -f $f.PerTownUs4000) us | $('{0:n2}' -f $f.Ratio) | at most 1.3 | $(Verdict ($f.Ratio -le 1.3)) |

## Cold start: what a scheduled task pays

A new ``pwsh -NoProfile -NonInteractive -Command ...`` each time, $coldRounds rounds of the three, interleaved.

| command | median | ratio to Test-Path | target | |
| --- | ---: | ---: | --- | --- |
| ``Test-Path <town>`` | $('{0:n0}' -f (Get-Median $cold.TestPath)) ms | 1.00 | | |
| ``Import-Module <out>`` | $('{0:n0}' -f (Get-Median $cold.Import)) ms | $('{0:n2}' -f $importRatio) | (reported) | |
| ``Import-Module <out>; Test-DeaconShouldPoke -TownRoot <town>`` | $('{0:n0}' -f (Get-Median $cold.Poke)) ms | $('{0:n2}' -f $pokeRatio) | at most 1.10 | $(Verdict ($pokeRatio -le 1.10)) |

## Core (BenchmarkDotNet, net10.0)

Targets: read-and-parse at most 1.5x ``File.ReadAllBytes`` of the same file. Write and update are shown against a
plain ``File.WriteAllBytes``, which neither flushes to disk nor locks nor renames. For scale, the Go original reads
in 6.2 us against 4.5 us for a raw read (1.38x) on this kind of machine, and touches in 133 us without any flush or lock.

$($core.Trim())

$marker

$notes
"@
    Set-Content -Path $docPath -Value $doc.TrimEnd() -NoNewline
    Write-Host "Wrote $docPath"
}

function Invoke-Test {
    $env:DEACON_PACKAGE = Invoke-Package
    $xunit = Invoke-XunitTests
    $pester = Invoke-PesterTests
    Write-Host ''
    Write-Host $xunit.Note
    Write-Host $pester.Note
    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    Write-Host "$passed passed, $failed failed"
    exit ([int]($failed -gt 0))
}

function Invoke-Demo {
    Invoke-Build
    Push-Location $root
    try {
        $demoArgs = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'build.ps1'), 'DemoRun')
        if ($TownRoot) { $demoArgs += @('-TownRoot', (Resolve-Path -LiteralPath $TownRoot).ProviderPath) }
        & dotnet pwsh @demoArgs
        exit $LASTEXITCODE
    }
    finally { Pop-Location }
}

function Invoke-DemoRun {
    Import-Module $outDir -Force
    function Show([string] $Title) { Write-Host ''; Write-Host "== $Title" -ForegroundColor Cyan }
    function Command([string] $Text) { Write-Host "PS> $Text" -ForegroundColor Yellow }
    # Wide enough for every column whatever the console (or log) the demo runs in.
    function Table { $input | Format-Table | Out-String -Width 160 | Write-Host }

    if ($TownRoot) {
        Show "The heartbeat of $TownRoot (read-only)"
        Command "Get-DeaconHeartbeat -TownRoot $TownRoot"
        Get-DeaconHeartbeat -TownRoot $TownRoot | Table
        Command "Test-DeaconShouldPoke -TownRoot $TownRoot -Verbose"
        Test-DeaconShouldPoke -TownRoot $TownRoot -Verbose | Out-Host
        return
    }

    $town = Join-Path ([IO.Path]::GetTempPath()) "deacon-demo-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    $null = New-Item -ItemType Directory -Path (Join-Path $town 'mayor')
    Set-Content -Path (Join-Path $town 'mayor/town.json') -Value '{"name":"demo"}'
    Set-Location $town
    try {
        Show "A scratch town: $town"
        Command "Update-DeaconHeartbeat -Action 'patrol: 3 witnesses checked' -HealthyAgents 3   # three wake cycles"
        1..3 | ForEach-Object { $null = Update-DeaconHeartbeat -Action 'patrol: 3 witnesses checked' -HealthyAgents 3 }

        Show 'What an ops script sees'
        Command 'Get-DeaconHeartbeat'
        Get-DeaconHeartbeat | Table

        Show 'What the scheduled task asks'
        Command 'Test-DeaconShouldPoke'
        Test-DeaconShouldPoke | Out-Host

        Show 'The file, byte for byte what the Go daemon writes'
        Command 'Get-Content deacon/heartbeat.json -Raw'
        Get-Content (Join-Path $town 'deacon/heartbeat.json') -Raw | Out-Host

        Show 'Seven minutes without a beat: the heartbeat turns VeryStale'
        $now = Get-DeaconHeartbeat
        Command "Write-DeaconHeartbeat -Timestamp ([DateTimeOffset]::UtcNow.AddMinutes(-7)) -Cycle $($now.Cycle) -LastAction '$($now.LastAction)' -HealthyAgents $($now.HealthyAgents)"
        $null = Write-DeaconHeartbeat -Timestamp ([DateTimeOffset]::UtcNow.AddMinutes(-7)) -Cycle $now.Cycle -LastAction $now.LastAction -HealthyAgents $now.HealthyAgents
        Command 'Get-DeaconHeartbeat'
        Get-DeaconHeartbeat | Table
        Command 'Test-DeaconShouldPoke'
        Test-DeaconShouldPoke | Out-Host
        Command "Get-DeaconHeartbeat -StaleThreshold 00:05:00 -VeryStaleThreshold 00:20:00   # Gas Town's current thresholds"
        Get-DeaconHeartbeat -StaleThreshold ([timespan]'00:05:00') -VeryStaleThreshold ([timespan]'00:20:00') | Table

        Show 'The Deacon wakes and beats again'
        Command "Update-DeaconHeartbeat -Action 'recovered'"
        Update-DeaconHeartbeat -Action 'recovered' | Table

        Show 'Watching: a row per change, here as the heartbeat ages (1 s and 2 s thresholds to keep it short)'
        Command 'Watch-DeaconHeartbeat -StaleThreshold 00:00:01 -VeryStaleThreshold 00:00:02 -Timeout 00:00:03'
        Watch-DeaconHeartbeat -StaleThreshold 00:00:01 -VeryStaleThreshold 00:00:02 -Timeout 00:00:03 | Table
    }
    finally {
        Set-Location ([IO.Path]::GetTempPath())
        Remove-Item $town -Recurse -Force
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { $null = Invoke-Package }
    'Bench' { Invoke-Bench }
    'DemoRun' { Invoke-DemoRun }
    'PesterRun' { Invoke-PesterRun }
}
