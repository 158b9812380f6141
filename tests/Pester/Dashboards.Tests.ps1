# docs/dashboards.md's line that writes Gas Town's `gt deacon status --json`, run as written there.
BeforeAll {
    Import-Module $env:DEACON_MODULE -Force
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $doc = Get-Content -Raw (Join-Path $PSScriptRoot '../../docs/dashboards.md')
    $line = [regex]::Match($doc, '(?m)^Get-DeaconHeartbeat -TownRoot ~/gt .*ConvertTo-Json -EnumsAsStrings$').Value

    # `gt deacon status --json` as Gas Town prints it (its internal/cmd/deacon.go):
    # {running, paused, session, heartbeat: {timestamp, age_seconds, cycle, last_action (omitted when empty), fresh,
    # stale, very_stale}}. The module has no session, so running and session are left out; status is its one addition.
    $goTop = @('paused', 'heartbeat')
    $goHeartbeat = @('timestamp', 'age_seconds', 'cycle', 'last_action', 'fresh', 'stale', 'very_stale')

    function Invoke-DocLine([string] $Town) {
        $command = $line.Replace('~/gt', "'$Town'")
        $json = Invoke-Expression $command
        [pscustomobject]@{ Text = ($json -join "`n"); Value = ($json | ConvertFrom-Json -AsHashtable) }
    }
}

Describe 'The gt deacon status --json line of docs/dashboards.md' {
    It 'is in the doc, one line' {
        $line | Should -Not -BeNullOrEmpty
    }

    It 'writes Go''s keys in Go''s order, of Go''s types, and the status by name' {
        $town = New-TestTown (Join-Path $TestDrive 'alpha')
        $null = Write-DeaconHeartbeat $town -Timestamp ([DateTimeOffset]::UtcNow.AddMinutes(-7)) -Cycle 212 -LastAction 'restarted witness' -HealthyAgents 6
        $out = Invoke-DocLine $town
        @($out.Value.Keys) | Should -Be $goTop
        @($out.Value.heartbeat.Keys) | Should -Be ($goHeartbeat + 'status')
        $hb = $out.Value.heartbeat
        $out.Value.paused | Should -BeOfType [bool]
        $out.Value.paused | Should -BeFalse
        # Go's time.Time marshals as RFC 3339; ConvertFrom-Json would make it a date, so it is read from the text.
        $out.Text | Should -Match '"timestamp": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"'
        [DateTimeOffset]::Parse(([regex]::Match($out.Text, '"timestamp": "([^"]+)"').Groups[1].Value), [cultureinfo]::InvariantCulture) |
            Should -Be (Get-DeaconHeartbeat $town).Timestamp
        $hb.age_seconds | Should -BeOfType [long]
        $hb.age_seconds | Should -BeGreaterOrEqual 420
        $hb.cycle | Should -Be 212
        $hb.last_action | Should -BeExactly 'restarted witness'
        # Seven minutes: Stale by Gas Town's 5 and 20 minutes, which the line passes.
        $hb.fresh, $hb.stale, $hb.very_stale | Should -Be @($false, $true, $false)
        $hb.status | Should -BeExactly 'Stale'
        $out.Text | Should -Match '"status": "Stale"'
    }

    It 'leaves out last_action when it is empty, as Go does, and says VeryStale by name' {
        $town = New-TestTown (Join-Path $TestDrive 'bravo')
        $null = Write-DeaconHeartbeat $town -Timestamp ([DateTimeOffset]::UtcNow.AddMinutes(-25)) -Cycle 3
        $out = Invoke-DocLine $town
        @($out.Value.heartbeat.Keys) | Should -Be (@($goHeartbeat | Where-Object { $_ -ne 'last_action' }) + 'status')
        $out.Value.heartbeat.very_stale | Should -BeTrue
        $out.Value.heartbeat.status | Should -BeExactly 'VeryStale'
    }

    It 'says paused as Go does' {
        $town = New-TestTown (Join-Path $TestDrive 'charlie')
        $null = Write-DeaconHeartbeat $town -Cycle 1
        $null = Suspend-Deacon $town -Reason 'upgrading the witnesses'
        (Invoke-DocLine $town).Value.paused | Should -BeTrue
    }

    It 'indents by two spaces, as Go''s MarshalIndent(v, "", "  ")' {
        $town = New-TestTown (Join-Path $TestDrive 'delta')
        $null = Write-DeaconHeartbeat $town -Cycle 1 -LastAction 'patrol'
        $lines = (Invoke-DocLine $town).Text -split "`n"
        $lines[1] | Should -BeExactly '  "paused": false,'
        $lines[3] | Should -Match '^    "timestamp": '
    }
}
