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

    It 'offers for <Command>only directories that are towns, relative to the PowerShell location, quoting where needed' -ForEach @(
        @{ Command = 'Get-DeaconHeartbeat -TownRoot ' }
        @{ Command = 'Update-DeaconHeartbeat -TownRoot ' }
        @{ Command = 'Write-DeaconHeartbeat -TownRoot ' }
        @{ Command = 'Test-DeaconShouldPoke -TownRoot ' }
        @{ Command = 'Watch-DeaconHeartbeat -TownRoot ' }
        @{ Command = 'Get-DeaconHeartbeat -LiteralTownRoot ' }
        @{ Command = 'Write-DeaconHeartbeat -LiteralTownRoot ' }
    ) {
        $matches = (TabExpansion2 $Command $Command.Length).CompletionMatches
        $matches.CompletionText | Should -Be @('alpha', 'beta', "'gamma town'")
    }

    It 'completes a prefix and keeps the typed folder' {
        $line = 'Get-DeaconHeartbeat ./a'
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('./alpha')
        $line = "Get-DeaconHeartbeat $fleet/b"
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @("$fleet/beta")
    }
}
