BeforeAll {
    Import-Module $env:DEACON_MODULE -Force
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

# Many processes at once, end to end; everything else Update-DeaconHeartbeat does is in the engine-hosted tests
# (tests/GasTown.Deacon.Cmdlets.Tests: WritersTests, WhatIfTests, StopProcessingTests, EngineErrorTests).
Describe 'Update-DeaconHeartbeat' {
    BeforeEach {
        $town = New-TestTown (Join-Path $TestDrive "town-$([guid]::NewGuid().ToString('N'))")
    }

    It 'loses no cycle when several pwsh processes update at once' {
        $script = "Import-Module '$env:DEACON_MODULE'; 1..25 | ForEach-Object { `$null = Update-DeaconHeartbeat -TownRoot '$town' -ErrorAction Stop }"
        $procs = 1..4 | ForEach-Object { Start-Pwsh -ArgumentList '-NoProfile', '-NonInteractive', '-Command', $script }
        $procs | Wait-Process
        $procs | ForEach-Object { $_.ExitCode | Should -Be 0 }
        (Get-DeaconHeartbeat $town).Cycle | Should -Be 100
    }
}
