# Shared by the Pester tests: scratch towns under $TestDrive and small readers of the results.

function New-TestTown {
    param([Parameter(Mandatory)] [string] $Path, [switch] $NoTownJson)
    $null = New-Item -ItemType Directory -Force -Path (Join-Path $Path 'mayor')
    if (-not $NoTownJson) { Set-Content -Path (Join-Path $Path 'mayor/town.json') -Value '{}' }
    (Resolve-Path -LiteralPath $Path).ProviderPath
}

function Set-HeartbeatText {
    param([Parameter(Mandatory)] [string] $Town, [Parameter(Mandatory)] [AllowEmptyString()] [string] $Text)
    $null = New-Item -ItemType Directory -Force -Path (Join-Path $Town 'deacon')
    [IO.File]::WriteAllText((Join-Path $Town 'deacon/heartbeat.json'), $Text, [Text.UTF8Encoding]::new($false))
}

function Get-HeartbeatText {
    param([Parameter(Mandatory)] [string] $Town)
    [IO.File]::ReadAllText((Join-Path $Town 'deacon/heartbeat.json'))
}

function Get-HeartbeatFilePath {
    param([Parameter(Mandatory)] [string] $Town)
    [IO.Path]::Combine($Town, 'deacon', 'heartbeat.json')
}

# A heartbeat as Go writes it, timestamped $Age ago (negative: in the future).
function Set-AgedHeartbeat {
    param([Parameter(Mandatory)] [string] $Town, [Parameter(Mandatory)] [timespan] $Age, [long] $Cycle = 7)
    $stamp = [DateTimeOffset]::UtcNow.Subtract($Age).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [cultureinfo]::InvariantCulture)
    Set-HeartbeatText -Town $Town -Text "{`n  `"timestamp`": `"$stamp`",`n  `"cycle`": $Cycle,`n  `"healthy_agents`": 0,`n  `"unhealthy_agents`": 0`n}"
}

# Runs a new pwsh like this one. As a dotnet tool, pwsh runs as `dotnet pwsh.dll`: starting it the same way needs
# no apphost and no DOTNET_ROOT.
function Invoke-Pwsh {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        & $process (Join-Path $PSHOME 'pwsh.dll') @args
    }
    else {
        & $process @args
    }
}

function Start-Pwsh {
    param([string[]] $ArgumentList)
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        $ArgumentList = @((Join-Path $PSHOME 'pwsh.dll')) + $ArgumentList
    }
    Start-Process -FilePath $process -ArgumentList $ArgumentList -PassThru
}
