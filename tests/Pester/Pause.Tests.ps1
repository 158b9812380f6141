BeforeAll {
    Import-Module $env:DEACON_MODULE -Force
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

# What a pause looks like; what it does is in the engine-hosted PauseTests (tests/GasTown.Deacon.Cmdlets.Tests).
Describe 'How a pause looks' {
    BeforeEach {
        $town = New-TestTown (Join-Path $TestDrive "town-$([guid]::NewGuid().ToString('N'))")
    }

    It 'shows when it paused as the file has it, RFC 3339 in UTC, in any culture' {
        $saved = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'fa-IR'
            $pause = Suspend-Deacon -TownRoot $town -Reason 'r'
            $pause.PausedAtUtc | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$'
            $pause | Out-String | Should -Match "PausedAt : $([regex]::Escape($pause.PausedAtUtc))"
        }
        finally { [cultureinfo]::CurrentCulture = $saved }
    }

    It 'shows Paused in the Status column of the table, and the pause in the list' {
        Set-AgedHeartbeat $town ([timespan]::FromMinutes(30))
        $null = Suspend-Deacon $town -Reason 'maintenance' -PausedBy 'alice'
        $saved = $PSStyle.OutputRendering
        $PSStyle.OutputRendering = 'PlainText'
        try {
            $hb = Get-DeaconHeartbeat $town
            $hb | Format-Table | Out-String -Width 200 | Should -Match 'Paused\s+30m \d+s\s+7\s'
            $list = $hb | Format-List | Out-String -Width 200
            $list | Should -Match '(?m)^Status\s*: VeryStale'
            $list | Should -Match '(?m)^Paused\s*: True'
            $list | Should -Match '(?m)^PausedBy\s*: alice'
            $list | Should -Match '(?m)^PausedAt\s*: \d{4}-\d\d-\d\dT'
            $list | Should -Match '(?m)^PauseReason\s*: maintenance'
            $list | Should -Match '(?m)^Thresholds\s*: Stale from 2m0s, VeryStale from 5m0s'
            $null = Resume-Deacon $town
            $unpaused = Get-DeaconHeartbeat $town | Format-List | Out-String -Width 200
            $unpaused | Should -Not -Match '(?m)^PausedBy'
            Get-DeaconHeartbeat $town | Format-Table | Out-String -Width 200 | Should -Match 'VeryStale\s+30m \d+s\s+7\s'
        }
        finally { $PSStyle.OutputRendering = $saved }
    }

    It 'colours Paused in cyan where the host renders ANSI' {
        Set-AgedHeartbeat $town ([timespan]::Zero)
        $null = Suspend-Deacon $town -Reason 'r'
        $saved = $PSStyle.OutputRendering; $savedNoColor = $env:NO_COLOR
        $PSStyle.OutputRendering = 'Ansi'; $env:NO_COLOR = $null
        try { Get-DeaconHeartbeat $town | Format-Table | Out-String -Width 200 | Should -Match ([regex]::Escape("$([char]27)[36mPaused$([char]27)[0m")) }
        finally { $PSStyle.OutputRendering = $saved; $env:NO_COLOR = $savedNoColor }
    }
}
