BeforeAll {
    Import-Module $env:DEACON_MODULE -Force
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $fleet = Join-Path $TestDrive 'fleet'
    $null = New-TestTown (Join-Path $fleet 'alpha')
    $null = New-TestTown (Join-Path $fleet 'beta') -NoTownJson
    $null = New-TestTown (Join-Path $fleet 'gamma town')
    $null = New-Item -ItemType Directory (Join-Path $fleet 'plain')
    $null = New-Item -ItemType Directory (Join-Path $fleet 'also-plain')
}

Describe 'Completing -TownRoot' {
    BeforeEach { Push-Location $fleet }
    AfterEach { Pop-Location }

    It 'offers for <Command>the towns first, then the other folders to walk through, relative to the PowerShell location, quoting where needed' -ForEach @(
        @{ Command = 'Get-DeaconHeartbeat -TownRoot ' }
        @{ Command = 'Update-DeaconHeartbeat -TownRoot ' }
        @{ Command = 'Write-DeaconHeartbeat -TownRoot ' }
        @{ Command = 'Test-DeaconShouldPoke -TownRoot ' }
        @{ Command = 'Watch-DeaconHeartbeat -TownRoot ' }
        @{ Command = 'Get-DeaconHeartbeat -LiteralTownRoot ' }
        @{ Command = 'Write-DeaconHeartbeat -LiteralTownRoot ' }
        @{ Command = 'Suspend-Deacon -Reason r -TownRoot ' }
        @{ Command = 'Resume-Deacon -TownRoot ' }
    ) {
        $sep = [IO.Path]::DirectorySeparatorChar
        $matches = (TabExpansion2 $Command $Command.Length).CompletionMatches
        $matches.CompletionText | Should -Be @('alpha', 'beta', "'gamma town'", "also-plain$sep", "plain$sep")
        $matches[0].ToolTip | Should -Be "$(Join-Path $fleet 'alpha') (a town)"
    }

    It 'walks through folders that are no towns, a Tab at a time, down to the towns in them' {
        Push-Location (Split-Path $fleet)
        try {
            $line = 'Get-DeaconHeartbeat fle'
            (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @("fleet$([IO.Path]::DirectorySeparatorChar)")
            $line = 'Get-DeaconHeartbeat fleet/g'
            (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @("'fleet/gamma town'")
        }
        finally { Pop-Location }
    }

    It 'completes a prefix and keeps the typed folder' {
        $line = 'Get-DeaconHeartbeat ./a'
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('./alpha', './also-plain/')
        $line = "Get-DeaconHeartbeat $fleet/b"
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @("$fleet/beta")
    }
}
