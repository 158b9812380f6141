<#
.SYNOPSIS
    Per-call and fleet figures for build.ps1 Bench, measured inside one pwsh process.
.DESCRIPTION
    Per call: Get-DeaconHeartbeat (on a town without and with a settings/config.json setting its thresholds) and
    Test-DeaconShouldPoke against a floor binary cmdlet (reads the file's bytes, emits their length) and a script function doing the job with Get-Content -Raw | ConvertFrom-Json. Fleet:
    Get-ChildItem -Directory | Get-DeaconHeartbeat over 400 and 4,000 towns. Subjects are interleaved within each
    round; ratios are taken within a round, then the median over rounds is reported.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $FloorPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [int] $Rounds = 11,
    [int] $BinaryCalls = 3000,
    [int] $ScriptCalls = 300,
    # PowerShell compiles a loop and .NET re-JITs the cmdlets' code in tiers over tens of thousands of calls: the
    # figures are the steady state after this many calls of each binary cmdlet (a tenth of it for the script).
    [int] $WarmupCalls = 30000,
    [int] $Slices = 15,
    [int] $FleetRounds = 5
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Import-Module $FloorPath

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $n = $sorted.Count
    if ($n % 2) { $sorted[[int][math]::Floor($n / 2)] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

# The same job as Get-DeaconHeartbeat, written as a script function the way one would without this module:
# resolve the town against the PowerShell location, refuse a missing file, read and parse it, classify its age.
function Get-ScriptHeartbeat {
    param([string] $TownRoot, [timespan] $StaleThreshold = '00:02:00', [timespan] $VeryStaleThreshold = '00:05:00')
    $root = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($TownRoot)
    $path = Join-Path $root 'deacon/heartbeat.json'
    if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
        Write-Error -Message "No heartbeat file at '$path'." -Category ObjectNotFound -TargetObject $path
        return
    }
    $hb = Get-Content -LiteralPath $path -Raw | ConvertFrom-Json
    $timestamp = [datetimeoffset]$hb.timestamp
    $age = [datetimeoffset]::UtcNow - $timestamp
    $status = if (-$age -gt $StaleThreshold) { 'Future' } elseif ($age -ge $VeryStaleThreshold) { 'VeryStale' } elseif ($age -ge $StaleThreshold) { 'Stale' } else { 'Fresh' }
    [pscustomobject]@{
        TownRoot = $root; Path = $path; Timestamp = $timestamp; Cycle = [long]$hb.cycle; LastAction = [string]$hb.last_action
        HealthyAgents = [long]$hb.healthy_agents; UnhealthyAgents = [long]$hb.unhealthy_agents
        Age = $age; Status = $status; ShouldPoke = $status -in 'VeryStale', 'Future'
    }
}

$work = Join-Path ([IO.Path]::GetTempPath()) "deacon-bench-$([guid]::NewGuid().ToString('N'))"
$town = Join-Path $work 'town'
$null = New-Item -ItemType Directory -Force (Join-Path $town 'mayor')
$null = Update-DeaconHeartbeat -TownRoot $town -Action 'patrol: 4 witnesses checked' -HealthyAgents 4
$file = Join-Path $town 'deacon/heartbeat.json'
$sample = [IO.File]::ReadAllBytes($file)
# The same town again, with Gas Town's own thresholds in its settings file (read once, then held by file identity).
$settled = Join-Path $work 'settled'
$null = New-Item -ItemType Directory -Force (Join-Path $settled 'mayor'), (Join-Path $settled 'deacon'), (Join-Path $settled 'settings')
[IO.File]::WriteAllBytes((Join-Path $settled 'deacon/heartbeat.json'), $sample)
Set-Content -Path (Join-Path $settled 'settings/config.json') -Value '{"operational": {"deacon": {"heartbeat_stale_threshold": "5m", "heartbeat_very_stale_threshold": "20m"}}}'
if ((Get-DeaconHeartbeat $settled).VeryStaleThreshold -ne [timespan]::FromMinutes(20)) { throw 'the settings file was not read' }

try {
    $subjects = [ordered]@{
        Floor  = @{ Calls = $BinaryCalls; Block = { param($n) for ($i = 0; $i -lt $n; $i++) { $null = Get-FloorLength $file } } }
        Get    = @{ Calls = $BinaryCalls; Block = { param($n) for ($i = 0; $i -lt $n; $i++) { $null = Get-DeaconHeartbeat $town } } }
        GetSettings = @{ Calls = $BinaryCalls; Block = { param($n) for ($i = 0; $i -lt $n; $i++) { $null = Get-DeaconHeartbeat $settled } } }
        Test   = @{ Calls = $BinaryCalls; Block = { param($n) for ($i = 0; $i -lt $n; $i++) { $null = Test-DeaconShouldPoke $town } } }
        Script = @{ Calls = $ScriptCalls; Block = { param($n) for ($i = 0; $i -lt $n; $i++) { $null = Get-ScriptHeartbeat $town } } }
    }
    $perCall = @{}; foreach ($k in $subjects.Keys) { $perCall[$k] = [Collections.Generic.List[double]]::new() }
    $ratios = @{ GetFloor = [Collections.Generic.List[double]]::new(); GetSettingsFloor = [Collections.Generic.List[double]]::new(); TestFloor = [Collections.Generic.List[double]]::new()
        ScriptGet = [Collections.Generic.List[double]]::new(); ScriptTest = [Collections.Generic.List[double]]::new() }
    foreach ($k in $subjects.Keys) {
        $s = $subjects[$k]
        & $s.Block $(if ($s.Calls -eq $ScriptCalls) { [math]::Ceiling($WarmupCalls / 10) } else { $WarmupCalls })
    }

    # Round 0 settles the interleaving (caches, the collector) and is not counted either.
    for ($round = 0; $round -le $Rounds; $round++) {
        # Each round takes its calls in slices, every subject's slice in turn (in an order that rotates), so that
        # a burst of noise from the machine falls on all subjects alike rather than on whichever was running.
        $ticks = @{}; foreach ($k in $subjects.Keys) { $ticks[$k] = [long]0 }
        $keys = @($subjects.Keys)
        for ($slice = 0; $slice -lt $Slices; $slice++) {
            for ($j = 0; $j -lt $keys.Count; $j++) {
                $k = $keys[($j + $slice) % $keys.Count]
                $s = $subjects[$k]
                $sw = [Diagnostics.Stopwatch]::StartNew()
                & $s.Block ([math]::Ceiling($s.Calls / $Slices))
                $ticks[$k] += $sw.ElapsedTicks
            }
        }
        $this = @{}
        foreach ($k in $keys) {
            $calls = [math]::Ceiling($subjects[$k].Calls / $Slices) * $Slices
            $this[$k] = $ticks[$k] * 1e6 / [Diagnostics.Stopwatch]::Frequency / $calls
        }
        if ($round -eq 0) { continue }
        foreach ($k in $subjects.Keys) { $perCall[$k].Add($this[$k]) }
        $ratios.GetFloor.Add($this.Get / $this.Floor)
        $ratios.GetSettingsFloor.Add($this.GetSettings / $this.Floor)
        $ratios.TestFloor.Add($this.Test / $this.Floor)
        $ratios.ScriptGet.Add($this.Script / $this.Get)
        $ratios.ScriptTest.Add($this.Script / $this.Test)
    }

    # Fleets: 400 and 4,000 towns, each with a heartbeat.
    $fleets = @{}
    foreach ($size in 400, 4000) {
        $root = Join-Path $work "fleet-$size"
        for ($i = 0; $i -lt $size; $i++) {
            $deacon = [IO.Path]::Combine($root, "town-$i", 'deacon')
            $null = [IO.Directory]::CreateDirectory($deacon)
            [IO.File]::WriteAllBytes([IO.Path]::Combine($deacon, 'heartbeat.json'), $sample)
        }
        $fleets[$size] = $root
    }
    $perTown = @{ 400 = [Collections.Generic.List[double]]::new(); 4000 = [Collections.Generic.List[double]]::new() }
    $fleetRatios = [Collections.Generic.List[double]]::new()
    for ($round = 0; $round -le $FleetRounds; $round++) {
        $this = @{}
        foreach ($size in 400, 4000) {
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $count = (Get-ChildItem -Directory $fleets[$size] | Get-DeaconHeartbeat | Measure-Object).Count
            $sw.Stop()
            if ($count -ne $size) { throw "fleet of $size read $count heartbeats" }
            $this[$size] = $sw.Elapsed.TotalMilliseconds * 1000 / $size
        }
        if ($round -eq 0) { continue }
        $perTown[400].Add($this[400]); $perTown[4000].Add($this[4000])
        $fleetRatios.Add($this[4000] / $this[400])
    }

    [ordered]@{
        Rounds = $Rounds; Slices = $Slices; BinaryCalls = $BinaryCalls; ScriptCalls = $ScriptCalls; WarmupCalls = $WarmupCalls; FleetRounds = $FleetRounds
        PerCallUs = [ordered]@{
            Floor = Get-Median $perCall.Floor; Get = Get-Median $perCall.Get; GetSettings = Get-Median $perCall.GetSettings; Test = Get-Median $perCall.Test; Script = Get-Median $perCall.Script
        }
        Ratios = [ordered]@{
            GetOverFloor = Get-Median $ratios.GetFloor; GetSettingsOverFloor = Get-Median $ratios.GetSettingsFloor; TestOverFloor = Get-Median $ratios.TestFloor
            ScriptOverGet = Get-Median $ratios.ScriptGet; ScriptOverTest = Get-Median $ratios.ScriptTest
        }
        Fleet = [ordered]@{
            PerTownUs400 = Get-Median $perTown[400]; PerTownUs4000 = Get-Median $perTown[4000]; Ratio = Get-Median $fleetRatios
        }
    } | ConvertTo-Json -Depth 4 | Set-Content -Path $ResultPath
}
finally {
    Remove-Item $work -Recurse -Force
}
