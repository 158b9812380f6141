<#
.SYNOPSIS
    Runs the Pester suite against a built module and writes the counts as JSON. Meant for a child pwsh: the
    module's DLL stays loaded (and locked) only there.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $TestPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [ValidateSet('Ansi', 'Plaintext')] [string] $RenderMode = 'Ansi'
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
$env:DEACON_MODULE = $ModulePath
$config = New-PesterConfiguration
$config.Run.Path = $TestPath
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.Output.RenderMode = $RenderMode
$run = Invoke-Pester -Configuration $config
# A container or discovery failure counts no failed test, so it is counted here as a failure of its own.
$failed = $run.FailedCount + $run.FailedContainersCount + $run.FailedBlocksCount
if ($run.Result -ne 'Passed' -and $failed -eq 0) { $failed = 1 }
[ordered]@{
    Total = $run.TotalCount; Passed = $run.PassedCount; Failed = $failed; Skipped = $run.SkippedCount
    FailedContainers = $run.FailedContainersCount; FailedBlocks = $run.FailedBlocksCount; Result = $run.Result
} | ConvertTo-Json | Set-Content -LiteralPath $ResultPath
exit ([int]($failed -gt 0))
