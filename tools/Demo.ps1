<#
.SYNOPSIS
    Shows the cmdlets at work: on a scratch town under the temp directory, or read-only on a real town.
.DESCRIPTION
    Run by `./build.ps1 Demo` in a pwsh of its own, against the built module. Each step prints the command as it
    would be typed, then what it returns.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,

    # A real town to show, read-only. Omitted, the demo makes a scratch town and removes it afterwards.
    [string] $TownRoot
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module $ModulePath -Force

# One blank line before each section and between one command's output and the next command; never two.
$script:afterOutput = $false
function Show([string] $Title) { Write-Host ''; Write-Host "== $Title" -ForegroundColor Cyan; $script:afterOutput = $false }
function Command([string] $Text) {
    if ($script:afterOutput) { Write-Host '' }
    Write-Host "PS> $Text" -ForegroundColor Yellow
    $script:afterOutput = $false
}
# Output as the console would show it, without the blank lines Format-Table and Out-String put around it; wide
# enough for every column whatever the console (or log) the demo runs in.
function Table { Write-Output ($input | Format-Table) -NoEnumerate | Result }
function Result {
    $text = ($input | Out-String -Width 160).Trim("`r", "`n")
    if ($text) { Write-Host $text; $script:afterOutput = $true }
}

if ($TownRoot) {
    Show "The heartbeat of $TownRoot (read-only)"
    Command "Get-DeaconHeartbeat -TownRoot $TownRoot"
    Get-DeaconHeartbeat -TownRoot $TownRoot | Table
    Command "Test-DeaconShouldPoke -TownRoot $TownRoot -Verbose"
    Test-DeaconShouldPoke -TownRoot $TownRoot -Verbose 4>&1 |
        ForEach-Object { if ($_ -is [System.Management.Automation.VerboseRecord]) { "VERBOSE: $($_.Message)" } else { $_ } } | Result
    return
}

$town = Join-Path ([IO.Path]::GetTempPath()) "deacon-demo-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
$null = New-Item -ItemType Directory -Path (Join-Path $town 'mayor')
Set-Content -LiteralPath (Join-Path $town 'mayor/town.json') -Value '{"name":"demo"}'
Set-Location -LiteralPath $town
try {
    Show "A scratch town: $town"
    Command "Update-DeaconHeartbeat -Action 'patrol: 3 witnesses checked' -HealthyAgents 3   # three wake cycles"
    1..3 | ForEach-Object { $null = Update-DeaconHeartbeat -Action 'patrol: 3 witnesses checked' -HealthyAgents 3 }

    Show 'What an ops script sees'
    Command 'Get-DeaconHeartbeat'
    Get-DeaconHeartbeat | Table

    Show 'What the scheduled task asks'
    Command 'Test-DeaconShouldPoke'
    Test-DeaconShouldPoke | Result

    Show 'The file, byte for byte what the Go daemon writes'
    Command 'Get-Content deacon/heartbeat.json -Raw'
    Get-Content -LiteralPath (Join-Path $town 'deacon/heartbeat.json') -Raw | Result

    Show 'Seven minutes without a beat: the heartbeat turns VeryStale'
    $now = Get-DeaconHeartbeat
    Command "Write-DeaconHeartbeat -Timestamp ([DateTimeOffset]::UtcNow.AddMinutes(-7)) -Cycle $($now.Cycle) -LastAction '$($now.LastAction)' -HealthyAgents $($now.HealthyAgents)"
    $null = Write-DeaconHeartbeat -Timestamp ([DateTimeOffset]::UtcNow.AddMinutes(-7)) -Cycle $now.Cycle -LastAction $now.LastAction -HealthyAgents $now.HealthyAgents
    Command 'Get-DeaconHeartbeat'
    Get-DeaconHeartbeat | Table
    Command 'Test-DeaconShouldPoke'
    Test-DeaconShouldPoke | Result
    Command "Get-DeaconHeartbeat -StaleThreshold 5m -VeryStaleThreshold 20m   # Gas Town's current thresholds"
    Get-DeaconHeartbeat -StaleThreshold 5m -VeryStaleThreshold 20m | Table

    Show 'The Deacon wakes and beats again'
    Command "Update-DeaconHeartbeat -Action 'recovered'"
    Update-DeaconHeartbeat -Action 'recovered' | Table

    Show 'Watching: a row per change, here as the heartbeat ages (1 s and 2 s thresholds to keep it short)'
    Command 'Watch-DeaconHeartbeat -StaleThreshold 1s -VeryStaleThreshold 2s -Timeout 3s'
    Watch-DeaconHeartbeat -StaleThreshold 1s -VeryStaleThreshold 2s -Timeout 3s | Table
}
finally {
    Set-Location -LiteralPath ([IO.Path]::GetTempPath())
    Remove-Item -LiteralPath $town -Recurse -Force
}
