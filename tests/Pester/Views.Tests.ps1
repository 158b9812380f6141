BeforeAll {
    Import-Module $env:DEACON_MODULE -Force
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $town = New-TestTown (Join-Path $TestDrive 'town')
    Set-AgedHeartbeat $town ([timespan]::FromMinutes(10)) -Cycle 9
    $hb = Get-DeaconHeartbeat $town
    $esc = [char]27
}

Describe 'How heartbeats look' {
    BeforeEach {
        $savedRendering = $PSStyle.OutputRendering
        $savedNoColor = $env:NO_COLOR
        $env:NO_COLOR = $null
    }
    AfterEach {
        $PSStyle.OutputRendering = $savedRendering
        $env:NO_COLOR = $savedNoColor
    }

    It 'colours the status when the host renders ANSI' {
        $PSStyle.OutputRendering = 'Ansi'
        $hb | Format-Table | Out-String -Width 200 | Should -Match ([regex]::Escape("$esc[1;31mVeryStale$esc[0m"))
        $hb | Format-List | Out-String -Width 200 | Should -Match ([regex]::Escape("$esc[1;31mVeryStale$esc[0m"))
    }

    It 'writes plain text when OutputRendering is PlainText' {
        $PSStyle.OutputRendering = 'PlainText'
        $text = $hb | Format-Table | Out-String -Width 200
        $text | Should -Not -Match ([regex]::Escape("$esc"))
        $text | Should -Match 'VeryStale\s+10m 0s'
    }

    It 'writes no colour when NO_COLOR is set' {
        $PSStyle.OutputRendering = 'Ansi'
        $env:NO_COLOR = '1'
        $text = $hb | Format-List | Out-String -Width 200
        $text | Should -Not -Match ([regex]::Escape("$esc[1;31m"))
        $text | Should -Match 'VeryStale'
    }

    It 'shows every field in the list view, the age readable, the full town root and the exact timestamp' {
        $PSStyle.OutputRendering = 'PlainText'
        $text = $hb | Format-List | Out-String -Width 200
        foreach ($label in 'TownRoot', 'Path', 'Status', 'ShouldPoke', 'Age', 'Timestamp', 'Cycle', 'LastAction', 'HealthyAgents', 'UnhealthyAgents') {
            $text | Should -Match "(?m)^$label\s*:"
        }
        $text | Should -Match '(?m)^Age\s*: 10m 0s'
        $text | Should -Match "(?m)^TownRoot\s*: $([regex]::Escape($town))$"
        $text | Should -Match "(?m)^Timestamp\s*: $([regex]::Escape($hb.TimestampUtc))$"
    }
}

Describe 'The default table in an 80-column terminal' {
    BeforeAll {
        $savedRendering = $PSStyle.OutputRendering
        $PSStyle.OutputRendering = 'PlainText'
        # A fleet deep in the file system, two towns with the same name under different parents, and actions far
        # longer than any column.
        $deep = Join-Path $TestDrive 'srv/operations/gas-towns/production'
        $fleet = [ordered]@{
            (New-TestTown (Join-Path $deep 'eu/gt')) = 'patrol: 4 witnesses checked, refinery restarted after a crash loop'
            (New-TestTown (Join-Path $deep 'us/gt')) = 'patrol: all quiet'
            (New-TestTown (Join-Path $deep 'town-with-a-very-long-name-east-1')) = 'nudged the mayor'
        }
        $cycle = 0
        foreach ($t in $fleet.Keys) { $null = Write-DeaconHeartbeat $t -Cycle (++$cycle) -LastAction $fleet[$t] -HealthyAgents 12 -UnhealthyAgents 3 }
        $rows = @($fleet.Keys | Get-DeaconHeartbeat)
        $lines = @(($rows | Out-String -Width 80) -split '\r?\n' | Where-Object { $_.Trim() })
    }
    AfterAll { $PSStyle.OutputRendering = $savedRendering }

    It 'fits 80 columns, with every column shown' {
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 -Because $_ }
        $lines[0] | Should -Match '^Town\s+Status\s+Age\s+Cycle\s+Healthy\s+Unhealthy\s+LastAction$'
        $lines.Count | Should -Be 5
    }

    It 'starts each row with the town, shortened to what tells the towns apart' {
        $towns = @($lines | Select-Object -Skip 2 | ForEach-Object { $_.Substring(0, 16).TrimEnd() })
        $towns | Should -Be @("$([char]0x2026)/eu/gt", "$([char]0x2026)/us/gt", "town-wit$([char]0x2026)-east-1")
    }

    It 'cuts a long action with an ellipsis and keeps a short one whole' {
        $lines[2] | Should -Match "patrol: 4 witness\S*$([char]0x2026)$"
        $lines[3] | Should -Match 'patrol: all quiet$'
    }

    It 'shows an age ahead of the clock as a negative age, not cut' {
        $ahead = New-TestTown (Join-Path $TestDrive 'ahead')
        Set-AgedHeartbeat $ahead ([timespan]::FromMinutes(-(12 * 60 + 34)))
        $text = Get-DeaconHeartbeat $ahead -WarningAction SilentlyContinue | Out-String -Width 80
        $text | Should -Match 'Future\s+-12h 33m\s'
    }

    It 'puts every field in one row with Format-Table -View Wide, the full town root and exact timestamp included' {
        $wide = $rows[0] | Format-Table -View Wide | Out-String -Width 250
        $wide | Should -Match ([regex]::Escape($rows[0].TimestampUtc))
        $wide | Should -Match ([regex]::Escape($rows[0].TownRoot))
    }

    It 'shows a readable age in the default table' {
        $aged = New-TestTown (Join-Path $TestDrive 'aged')
        Set-AgedHeartbeat $aged ([timespan]::FromSeconds(7 * 60 + 30))
        $text = Get-DeaconHeartbeat $aged | Out-String -Width 200
        $text | Should -Match 'VeryStale\s+7m 3\ds'
        $text | Should -Match "(?m)^$([regex]::Escape([GasTown.Deacon.Commands.TownRootText]::Shorten($aged, 16)))\s+VeryStale"
    }

    It 'keeps the town root first in the Wide view, so that a narrow terminal still says which town' {
        $narrow = ($rows[0] | Format-Table -View Wide | Out-String -Width 80).Split([Environment]::NewLine) | Where-Object { $_.Trim() }
        $narrow[0] | Should -Match '^TownRoot\s'
        $row = $narrow | Where-Object { $_ -match "\s$($rows[0].Status)\s" } | Select-Object -First 1
        $row | Should -Match "^$([regex]::Escape($rows[0].TownRoot.Substring(0, 8)))"
    }
}
