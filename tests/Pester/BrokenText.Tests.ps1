BeforeAll {
    Import-Module $env:DEACON_MODULE -Force
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    # Writes raw bytes: the point is text that is not valid UTF-8 or UTF-16.
    function Set-HeartbeatBytes {
        param([Parameter(Mandatory)] [string] $Town, [Parameter(Mandatory)] [byte[]] $Bytes)
        $null = New-Item -ItemType Directory -Force -Path (Join-Path $Town 'deacon')
        [IO.File]::WriteAllBytes((Join-Path $Town 'deacon/heartbeat.json'), $Bytes)
    }

    function ConvertTo-HeartbeatBytes {
        param([Parameter(Mandatory)] [string] $Text, [hashtable] $Replace = @{})
        $bytes = [Text.Encoding]::UTF8.GetBytes($Text)
        foreach ($marker in $Replace.Keys) {
            $bytes[[Array]::IndexOf($bytes, [byte][char]$marker)] = $Replace[$marker]
        }
        , $bytes
    }
}

Describe 'Heartbeat files with broken text, read as Go reads them' {
    BeforeEach {
        $fleet = Join-Path $TestDrive "fleet-$([guid]::NewGuid().ToString('N'))"
        $stamp = [DateTimeOffset]::UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [cultureinfo]::InvariantCulture)
        $good = New-TestTown (Join-Path $fleet 'a-good'); Set-AgedHeartbeat $good ([timespan]::Zero) -Cycle 1
        $surrogate = New-TestTown (Join-Path $fleet 'b-surrogate')
        Set-HeartbeatText $surrogate "{`"timestamp`":`"$stamp`",`"cycle`":2,`"last_action`":`"\ud800`"}"
        $badKey = New-TestTown (Join-Path $fleet 'c-bad-key')
        Set-HeartbeatBytes $badKey (ConvertTo-HeartbeatBytes "{`"timestamp`":`"$stamp`",`"cycle~`":1,`"cycle`":3}" @{ '~' = 0x80 })
        $badAction = New-TestTown (Join-Path $fleet 'd-bad-action')
        Set-HeartbeatBytes $badAction (ConvertTo-HeartbeatBytes "{`"timestamp`":`"$stamp`",`"cycle`":4,`"last_action`":`"\n~`"}" @{ '~' = 0xFF })
        $last = New-TestTown (Join-Path $fleet 'e-good'); Set-AgedHeartbeat $last ([timespan]::Zero) -Cycle 5
    }

    It 'reads every town of a fleet when some hold a lone surrogate escape or invalid UTF-8' {
        $beats = Get-ChildItem -Directory $fleet | Get-DeaconHeartbeat -ErrorVariable errs
        $errs | Should -HaveCount 0
        $beats.Cycle | Should -Be @(1, 2, 3, 4, 5)
        $beats[1].LastAction | Should -Be ([string][char]0xFFFD)
        $beats[3].LastAction | Should -Be ("`n" + [char]0xFFFD)
    }

    It 'answers Test-DeaconShouldPoke for every town of such a fleet' {
        $answers = Get-ChildItem -Directory $fleet | Test-DeaconShouldPoke -ErrorVariable errs
        $errs | Should -HaveCount 0
        $answers | Should -HaveCount 5
        $answers | Should -Not -Contain $true
    }

    It 'updates a heartbeat whose action held a lone surrogate, counting on from its cycle' {
        Update-DeaconHeartbeat -TownRoot $surrogate -Action 'patrol'
        $hb = Get-DeaconHeartbeat -TownRoot $surrogate
        $hb.Cycle | Should -Be 3
        $hb.LastAction | Should -Be 'patrol'
    }
}
