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

    It 'keeps the own name of a town in wide characters, measured in terminal columns (<TownRoot>)' -ForEach @(
        # 16 characters but 18 columns: measured in characters it fitted, and the table cut it to '/srv/gt-towns/…'.
        @{ TownRoot = '/srv/gt-towns/東京'; Expected = '…/gt-towns/東京' }
        @{ TownRoot = '/srv/gt-towns/東京都庁'; Expected = '…/東京都庁' }
    ) {
        # A heartbeat as it comes back from remoting, given the town root under test.
        $remote = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($rows[0]))
        $remote.TownRoot = $TownRoot
        $row = @(($remote | Out-String -Width 80) -split '\r?\n' | Where-Object { $_.Trim() })[2]
        $row | Should -Match "^$([regex]::Escape($Expected))\s+$($rows[0].Status)\s"
    }

    It 'keeps the own name of a town in wide characters in a real fleet' {
        $tokyo = New-TestTown (Join-Path $TestDrive 'gt-towns/東京都庁')
        $null = Write-DeaconHeartbeat $tokyo -Cycle 1
        $row = @((Get-DeaconHeartbeat $tokyo | Out-String -Width 80) -split '\r?\n' | Where-Object { $_.Trim() })[2]
        $row | Should -Match "^…/東京都庁\s+Fresh\s"
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

Describe 'Shortening a town root for the Town column' {
    BeforeAll {
        # Terminal columns as PowerShell's table counts them: East Asian wide and fullwidth characters take two.
        function Get-Columns([string] $Text) {
            $Text.Length + [regex]::Matches($Text, '[\u1100-\u115F\u2329\u232A\u2E80-\u303E\u3040-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6]').Count
        }
    }

    It 'shortens <Path> to <Expected> in <Width> columns' -ForEach @(
        @{ Path = '/srv/towns/alpha'; Width = 16; Expected = '/srv/towns/alpha' }
        @{ Path = '/srv/towns/alpha/'; Width = 16; Expected = '/srv/towns/alpha' }
        @{ Path = '/home/ops/towns/alpha'; Width = 16; Expected = "$([char]0x2026)/towns/alpha" }
        @{ Path = '/srv/a-long-folder/gt'; Width = 16; Expected = "$([char]0x2026)/gt" }
        @{ Path = '/srv/towns/exactly-16-chars'; Width = 16; Expected = 'exactly-16-chars' }
        @{ Path = '/srv/towns/alpha-production-eu-west-1'; Width = 16; Expected = "alpha-pr$([char]0x2026)-west-1" }
        @{ Path = 'C:\towns\production\alpha'; Width = 16; Expected = "$([char]0x2026)\alpha" }
        @{ Path = ''; Width = 16; Expected = '' }
        # Wide characters take two columns, as in PowerShell's table; half-width katakana one.
        @{ Path = '/srv/gt-towns/東京'; Width = 16; Expected = '…/gt-towns/東京' }
        @{ Path = '/srv/gt-town/東京'; Width = 16; Expected = '…/gt-town/東京' }
        @{ Path = '/srv/towns/ｶﾀｶﾅ'; Width = 16; Expected = '/srv/towns/ｶﾀｶﾅ' }
        @{ Path = '/srv/gt-towns/東京都庁'; Width = 16; Expected = '…/東京都庁' }
        @{ Path = '/srv/東京-production-east-一'; Width = 16; Expected = '東京-pro…east-一' }
        # A wide character that would straddle the cut is left out, never halved.
        @{ Path = '/srv/towns/a東京都庁舎-第一本庁舎'; Width = 16; Expected = 'a東京都…一本庁舎' }
        @{ Path = '/srv/towns/東京都庁舎第一本庁舎'; Width = 5; Expected = '東…舎' }
        # A character outside the Basic Multilingual Plane (two UTF-16 units) is never split.
        @{ Path = "/srv/towns/alpha-$([char]::ConvertFromUtf32(0x1F680))-production-eu-west-1"; Width = 16; Expected = "alpha-$([char]::ConvertFromUtf32(0x1F680))$([char]0x2026)-west-1" }
    ) {
        $short = [GasTown.Deacon.Commands.TownRootText]::Shorten($Path, $Width)
        $short | Should -BeExactly $Expected
        Get-Columns $short | Should -BeLessOrEqual $Width
    }
}
