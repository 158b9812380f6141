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

    It 'shows every field in the list view, the age readable' {
        $PSStyle.OutputRendering = 'PlainText'
        $text = $hb | Format-List | Out-String -Width 200
        foreach ($label in 'TownRoot', 'Path', 'Status', 'ShouldPoke', 'Age', 'Timestamp', 'Cycle', 'LastAction', 'HealthyAgents', 'UnhealthyAgents') {
            $text | Should -Match "(?m)^$label\s*:"
        }
        $text | Should -Match '(?m)^Age\s*: 10m 0s'
    }
}
