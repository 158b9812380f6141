<#
.SYNOPSIS
    The build's tasks, for Invoke-Build.
.DESCRIPTION
    Run through ./build.ps1, which restores Invoke-Build and Pester first (`dotnet pwsh ./build.ps1 Test`), or with
    Invoke-Build itself from the repository root (`Invoke-Build Test`; `Invoke-Build ?` lists the tasks).

    Nothing here names a package version: build outputs come from MSBuild (TargetPath), the tools' folders from their
    restore (tools/Restore-BuildTools.ps1), the module version from the manifest. The target frameworks are named
    once, in $ModuleAssemblies, with what each ships.
#>
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Demo: a real town to show, read-only. Omitted, the demo makes a scratch town.
    [string] $TownRoot,

    # The build's tools, as tools/Restore-BuildTools.ps1 returns them; build.ps1 passes what it has restored.
    [object[]] $BuildTools = @(& (Join-Path $PSScriptRoot 'tools/Restore-BuildTools.ps1'))
)

Set-StrictMode -Version 3.0

$ModuleName = 'GasTown.Deacon'
$OutDir = Join-Path $BuildRoot "out/$ModuleName"
$Artifacts = Join-Path $BuildRoot 'artifacts'

# What ships: the manifest, the psm1 that imports the build for the edition, the format and type data; in bin/ a
# build per target framework (both projects multi-target): net8.0 for pwsh 7.4+, its two assemblies alone (.NET 8 has
# System.Text.Json and TimeProvider in the box), and netstandard2.0 for Windows PowerShell 5.1, with the libraries
# .NET Framework 4.7.2 lacks.
$ModuleFiles = @(
    'GasTown.Deacon.psd1'
    'LICENSE'
    'src/GasTown.Deacon/GasTown.Deacon.psm1'
    'src/GasTown.Deacon/GasTown.Deacon.format.ps1xml'
    'src/GasTown.Deacon/GasTown.Deacon.types.ps1xml'
)
$HelpFiles = @(
    'src/GasTown.Deacon/help/about_GasTown.Deacon.help.txt'
    'src/GasTown.Deacon/help/about_GasTown.Deacon_Errors.help.txt'
    'src/GasTown.Deacon/help/about_GasTown.Deacon_Pause.help.txt'
    'src/GasTown.Deacon/help/about_GasTown.Deacon_Statuses.help.txt'
    'src/GasTown.Deacon/help/about_GasTown.Deacon_Towns.help.txt'
)
$ModuleAssemblies = [ordered]@{
    'net8.0'         = @(
        'GasTown.Deacon.dll'
        'GasTown.Deacon.Core.dll'
    )
    'netstandard2.0' = @(
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
}

# Filled by TestCore, TestCmdlets and TestModule (by task name), summed by Test.
$TestResults = [ordered]@{}

# The version lives in one place, the manifest; the assemblies are stamped with it.
$ModuleVersion = (Import-PowerShellDataFile (Join-Path $BuildRoot "$ModuleName.psd1")).ModuleVersion

# The release notes of a version: its section of CHANGELOG.md (Keep a Changelog), as written there.
function Get-ReleaseNotes([string] $Version) {
    $changelog = [IO.File]::ReadAllText((Join-Path $BuildRoot 'CHANGELOG.md')) -replace '\r\n', "`n"
    $section = [regex]::Match($changelog, "(?ms)^## \[$([regex]::Escape($Version))\][^\n]*\n(.*?)(?=^## |\z)")
    if (-not $section.Success) { throw "CHANGELOG.md has no section '## [$Version]' for the manifest's ModuleVersion." }
    $section.Groups[1].Value.Trim()
}

# Builds a project and returns the path of what it built, as MSBuild knows it. Quiet unless something fails.
# Every build is stamped with the module's version, so the core that several projects share is compiled once.
function Build-Project([string] $Project, [string] $Config = $Configuration) {
    $path = exec { dotnet build (Join-Path $BuildRoot $Project) -c $Config -t:Build --nologo "-p:Version=$ModuleVersion" -getProperty:TargetPath }
    "$path".Trim()
}

function Get-ToolPath([string] $Name, [string] $RelativePath) {
    $tool = $BuildTools | Where-Object Name -EQ $Name | Select-Object -First 1
    if (-not $tool) { throw "The build tool '$Name' is not in tools/BuildTools/BuildTools.Restore.csproj." }
    Join-Path $tool.Path $RelativePath
}

# A log (CI, a file) gets plain text from the children too; a terminal keeps its colours.
function Test-PlainOutput { [Console]::IsOutputRedirected -or [bool]$env:NO_COLOR }

# Synopsis: Lay out the module in out/GasTown.Deacon (importable by path), with its MAML help.
task Build {
    remove $OutDir
    $null = New-Item -ItemType Directory -Path $OutDir, (Join-Path $OutDir 'en-US')
    foreach ($framework in $ModuleAssemblies.Keys) {
        $publish = Join-Path $Artifacts "publish/$framework"
        exec { dotnet publish (Join-Path $BuildRoot 'src/GasTown.Deacon/GasTown.Deacon.csproj') -c $Configuration -f $framework -o $publish "-p:Version=$ModuleVersion" --nologo -v quiet }
        $bin = New-Item -ItemType Directory -Path (Join-Path $OutDir "bin/$framework")
        foreach ($assembly in $ModuleAssemblies[$framework]) { Copy-Item (Join-Path $publish $assembly) $bin }
    }
    foreach ($file in $ModuleFiles) { Copy-Item (Join-Path $BuildRoot $file) $OutDir }
    # The manifest's ReleaseNotes, empty in the source, from CHANGELOG.md; with a BOM, so 5.1 reads it as UTF-8.
    $manifest = Join-Path $OutDir "$ModuleName.psd1"
    $text = [IO.File]::ReadAllText($manifest)
    # Every quote PowerShell ends a single-quoted string at (' and the typographic ones) doubled.
    $notes = (Get-ReleaseNotes $ModuleVersion) -replace "['\u2018\u2019\u201A\u201B]", '$0$0'
    $filled = ([regex]"(?m)^(\s*ReleaseNotes\s*=\s*)''").Replace($text, { param($m) "$($m.Groups[1].Value)'$notes'" }, 1)
    if ($filled -eq $text) { throw "The manifest has no empty ReleaseNotes = '' for the build to fill." }
    [IO.File]::WriteAllText($manifest, $filled, [Text.UTF8Encoding]::new($true))
    foreach ($file in $HelpFiles) { Copy-Item (Join-Path $BuildRoot $file) (Join-Path $OutDir 'en-US') }
    # MAML help is generated from the markdown sources and the built cmdlets, in a child process that loads them.
    exec { dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $BuildRoot 'src/GasTown.Deacon/help/Build-MamlHelp.ps1') -ModulePath $OutDir -OutFile (Join-Path $OutDir "en-US/$ModuleName.dll-Help.xml") }
    print Green "Module laid out in $OutDir"
}

# Synopsis: Build, then make a gallery-ready nupkg of out/GasTown.Deacon in artifacts/package.
task Package Build, {
    $packageDir = Join-Path $Artifacts 'package'
    remove $packageDir
    $null = New-Item -ItemType Directory -Path $packageDir
    Compress-PSResource -Path $OutDir -DestinationPath $packageDir
    $package = Get-ChildItem $packageDir -Filter '*.nupkg' | Select-Object -First 1
    if (-not $package) { throw "Compress-PSResource wrote no package to $packageDir" }
    # The Pester suite installs it by name in a clean process.
    $env:DEACON_PACKAGE = $package.FullName
    print Green "Package: $($package.FullName)"
}

# Synopsis: As root on Linux, make the accounts the permission tests run as (tools/New-TestAccounts.sh).
task TestAccounts -If { $IsLinux -and (& id -u) -eq '0' } {
    # Permission bits do not stop root, which CI runs as: the tests run the module as these users instead.
    exec { bash (Join-Path $BuildRoot 'tools/New-TestAccounts.sh') }
}

# Runs an xunit test program under coverage (tools/Coverage/Coverage.proj: coverlet counts the hits in GasTown.Deacon.dll
# and GasTown.Deacon.Core.dll beside it) and records its counts as $TestResults[$Suite]. The coverage report goes to
# artifacts/coverage/<Report>.<format>, merged with the json report $MergeWith when there is one.
function Invoke-XunitSuite([string] $Suite, [string] $Project, [string] $Report, [string[]] $Formats, [string] $MergeWith) {
    $tests = Build-Project $Project
    $coverage = Join-Path $Artifacts 'coverage'
    $null = New-Item -ItemType Directory -Force -Path $coverage
    $xml = Join-Path $Artifacts "$Suite.xml"
    $exitFile = Join-Path $coverage "$Report.exit"
    remove $xml, $exitFile
    # MSBuild reads a comma in a property as a list separator: %2C is one comma.
    exec { dotnet msbuild (Join-Path $BuildRoot 'tools/Coverage/Coverage.proj') -t:Run -nologo -v:m -tl:off -nodeReuse:false `
        "-p:CoverletTasks=$(Get-ToolPath coverlet.msbuild 'tasks/net10.0')" "-p:TestAssembly=$tests" "-p:ResultXml=$xml" `
        "-p:CoverageOutput=$(Join-Path $coverage $Report)" "-p:Formats=$($Formats -join '%2C')" "-p:MergeWith=$MergeWith" "-p:ExitCodeFile=$exitFile" }
    $exit = if (Test-Path $exitFile) { [int](Get-Content -Raw $exitFile).Trim() } else { -1 }
    if (-not (Test-Path $xml)) { throw "xunit wrote no results (exit code $exit)." }
    $assembly = ([xml](Get-Content -Raw $xml)).assemblies.assembly
    $failed = [int]$assembly.failed + [int]$assembly.errors
    if ($exit -ne 0 -and $failed -eq 0) { $failed = 1 }
    $TestResults[$Suite] = [pscustomobject]@{ Passed = [int]$assembly.passed; Failed = $failed
        Note = "xunit ($($assembly.name | Split-Path -Leaf)): $($assembly.total) tests, $($assembly.passed) passed, $failed failed, $($assembly.skipped) skipped" }
    if ($failed) { throw "xunit: $failed failed." }
}

# Line and branch coverage per assembly from a Cobertura report, as one line each.
function Get-CoverageSummary([string] $Cobertura) {
    $report = [xml](Get-Content -Raw $Cobertura)
    foreach ($package in $report.coverage.packages.package) {
        $lines = @($package.classes.class.lines.line)
        $covered = @($lines | Where-Object { [long]$_.hits -gt 0 }).Count
        $branches = 0; $taken = 0
        foreach ($line in $lines) {
            if ($line.GetAttribute('condition-coverage') -match '\((\d+)/(\d+)\)') { $taken += [int]$Matches[1]; $branches += [int]$Matches[2] }
        }
        $percent = { param($part, $whole) if ($whole) { '{0:0.0}%' -f (100.0 * $part / $whole) } else { 'n/a' } }
        "$($package.name).dll: lines $(& $percent $covered $lines.Count) ($covered of $($lines.Count)), branches $(& $percent $taken $branches) ($taken of $branches)"
    }
}

# Synopsis: The core's xunit tests (tests/GasTown.Deacon.Core.Tests), under coverage (artifacts/coverage/core.json).
task TestCore TestAccounts, {
    Invoke-XunitSuite TestCore 'tests/GasTown.Deacon.Core.Tests/GasTown.Deacon.Core.Tests.csproj' core json
}

# Synopsis: The cmdlets inside the engine, in-process (tests/GasTown.Deacon.Cmdlets.Tests), against out/GasTown.Deacon; coverage of both suites.
task TestCmdlets Build, {
    $env:DEACON_MODULE = $OutDir
    # After TestCore (as in Test), the report covers both suites; alone, this suite only.
    $core = Join-Path $Artifacts 'coverage/core.json'
    $merge = if (Test-Path $core) { $core } else { '' }
    Invoke-XunitSuite TestCmdlets 'tests/GasTown.Deacon.Cmdlets.Tests/GasTown.Deacon.Cmdlets.Tests.csproj' coverage json, cobertura $merge
    $summary = @(Get-CoverageSummary (Join-Path $Artifacts 'coverage/coverage.cobertura.xml'))
    $scope = if ($merge) { 'xunit, core and engine-hosted tests' } else { 'engine-hosted tests only' }
    Set-Content (Join-Path $Artifacts 'coverage/summary.txt') (@("Coverage ($scope):") + $summary)
    $TestResults.TestCmdlets | Add-Member Coverage ("Coverage ($scope): " + ($summary -join '; '))
}

# Synopsis: Pester tests of the built module and its package, in a child pwsh (tests/Pester).
task TestModule Package, TestAccounts, {
    $result = Join-Path $Artifacts 'pester.json'
    remove $result
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $BuildRoot 'tools/Invoke-PesterSuite.ps1') `
        -PesterPath (Get-ToolPath Pester 'tools/Pester.psd1') -ModulePath $OutDir -TestPath (Join-Path $BuildRoot 'tests/Pester') `
        -ResultPath $result -RenderMode $(if (Test-PlainOutput) { 'Plaintext' } else { 'Ansi' })
    $exit = $LASTEXITCODE
    if (-not (Test-Path $result)) { throw "Pester wrote no results (exit code $exit)." }
    $counts = Get-Content -Raw $result | ConvertFrom-Json
    $failed = [int]$counts.Failed
    if ($exit -ne 0 -and $failed -eq 0) { $failed = 1 }
    $TestResults.TestModule = [pscustomobject]@{ Passed = [int]$counts.Passed; Failed = $failed
        Note = "Pester: $($counts.Total) tests, $($counts.Passed) passed, $($counts.Failed) failed ($($counts.FailedContainers) failed containers, $($counts.FailedBlocks) failed blocks), $($counts.Skipped) skipped" }
    if ($failed) { throw "Pester: $failed failed." }
}

# Synopsis: Build and package, run both xunit suites and Pester (all, whatever the first gives); sum them up, with coverage.
task Test Package, TestAccounts, ?TestCore, ?TestCmdlets, ?TestModule, {
    foreach ($suite in 'TestCore', 'TestCmdlets', 'TestModule') {
        # A suite that stopped before counting (a build error, no results) counts as one failure.
        if (-not $TestResults.Contains($suite)) {
            $TestResults[$suite] = [pscustomobject]@{ Passed = 0; Failed = 1; Note = "${suite}: $(error $suite)" }
        }
    }
    foreach ($result in $TestResults.Values) { print $(if ($result.Failed) { 'Red' } else { 'Green' }) $result.Note }
    if ($TestResults.TestCmdlets.PSObject.Properties['Coverage']) { print Cyan $TestResults.TestCmdlets.Coverage }
    $passed = ($TestResults.Values | Measure-Object Passed -Sum).Sum
    $failed = ($TestResults.Values | Measure-Object Failed -Sum).Sum
    # build.ps1 prints the closing "N passed, N failed" line from this, after Invoke-Build's summary.
    $Task.Data = [pscustomobject]@{ Passed = $passed; Failed = $failed }
    if ($failed) { throw "$failed test(s) failed." }
}

# Synopsis: Build, then show the cmdlets on a scratch town (or read-only on -TownRoot).
task Demo Build, {
    $arguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $BuildRoot 'tools/Demo.ps1'), '-ModulePath', $OutDir)
    if ($TownRoot) { $arguments += @('-TownRoot', $TownRoot) }
    exec { dotnet pwsh @arguments }
}

# Synopsis: Build, measure (core, per call, fleet, cold start, Watch) and rewrite docs/benchmarks.md. Several minutes.
task Bench Build, {
    # Benchmarks are measured optimised, whatever -Configuration says.
    $benchmarks = Build-Project 'tests/GasTown.Deacon.Benchmarks/GasTown.Deacon.Benchmarks.csproj' Release
    $floor = Build-Project 'tests/GasTown.Deacon.Benchmarks.Floor/GasTown.Deacon.Benchmarks.Floor.csproj' Release
    & (Join-Path $BuildRoot 'tests/GasTown.Deacon.Benchmarks/Bench.ps1') -ModulePath $OutDir -BenchmarksPath $benchmarks -FloorPath $floor `
        -WorkPath (Join-Path $Artifacts 'bench') -ReportPath (Join-Path $BuildRoot 'docs/benchmarks.md')
}

# Synopsis: The core's xunit tests on .NET 8 and 9, and the core under Mono through the module's resolver. Not part of Test.
task Editions Build, {
    & (Join-Path $BuildRoot 'tools/Editions.ps1') -ModulePath $OutDir -Configuration $Configuration -WorkPath (Join-Path $Artifacts 'editions')
}

# Synopsis: Remove out/ and artifacts/.
task Clean {
    remove (Join-Path $BuildRoot 'out'), $Artifacts
}

task . Build
