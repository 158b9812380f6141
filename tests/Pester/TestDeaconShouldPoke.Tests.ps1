BeforeAll {
    Import-Module $env:DEACON_MODULE -Force
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Test-DeaconShouldPoke' {
    BeforeEach {
        $town = New-TestTown (Join-Path $TestDrive "town-$([guid]::NewGuid().ToString('N'))")
    }

    It 'is $true when there is no heartbeat, saying so with -Verbose' {
        $out = Test-DeaconShouldPoke $town -WarningVariable warnings -Verbose 4>&1
        $out[-1] | Should -BeTrue
        $out[-2].Message | Should -Be "$town`: no heartbeat file; the Deacon should be poked."
        $warnings | Should -BeNullOrEmpty
    }

    It 'answers <Expected> for a heartbeat <Minutes> minutes old' -ForEach @(
        @{ Minutes = 0; Expected = $false }
        @{ Minutes = 3; Expected = $false }
        @{ Minutes = 6; Expected = $true }
    ) {
        Set-AgedHeartbeat $town ([timespan]::FromMinutes($Minutes))
        Test-DeaconShouldPoke $town | Should -Be $Expected
    }

    It 'honours other thresholds' {
        Set-AgedHeartbeat $town ([timespan]::FromMinutes(6))
        Test-DeaconShouldPoke $town -StaleThreshold 00:05:00 -VeryStaleThreshold 00:20:00 | Should -BeFalse
    }

    It 'is $true for an invalid heartbeat, warning why' {
        Set-HeartbeatText $town '{"cycle": 1.5}'
        Test-DeaconShouldPoke $town -WarningVariable warnings -WarningAction SilentlyContinue | Should -BeTrue
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike '*cycle must be an integer, but it is 1.5*should be poked*'
        $warnings[0].Message | Should -Not -BeLike '*poking*'
    }

    It 'is $true for a heartbeat from the future, warning about clock skew without claiming a poke' {
        Set-AgedHeartbeat $town ([timespan]::FromMinutes(-30))
        Test-DeaconShouldPoke $town -WarningVariable warnings -WarningAction SilentlyContinue | Should -BeTrue
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike '*ahead of this machine''s clock*A clock is skewed; the answer is $true, the Deacon should be poked.'
        $warnings[0].Message | Should -Not -BeLike '*poking*'
    }

    It 'answers once per town, in order' {
        $fresh = New-TestTown (Join-Path $TestDrive "fresh-$([guid]::NewGuid().ToString('N'))")
        Set-AgedHeartbeat $fresh ([timespan]::Zero)
        ($town, $fresh | Test-DeaconShouldPoke) | Should -Be @($true, $false)
    }

    It 'reports a missing town root as an error and answers nothing for it' {
        $answer = Test-DeaconShouldPoke (Join-Path $TestDrive 'gone') -ErrorVariable errs -ErrorAction SilentlyContinue
        $answer | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Be 'TownRootNotFound,GasTown.Deacon.Commands.TestDeaconShouldPokeCommand'
    }

    It 'sets the exit code of a script in a new pwsh: 1 to poke, 0 when healthy' {
        $command = "Import-Module '$env:DEACON_MODULE'; if (Test-DeaconShouldPoke -TownRoot '$town') { exit 1 } else { exit 0 }"
        Invoke-Pwsh -NoProfile -NonInteractive -Command $command
        $LASTEXITCODE | Should -Be 1
        Set-AgedHeartbeat $town ([timespan]::Zero)
        Invoke-Pwsh -NoProfile -NonInteractive -Command $command
        $LASTEXITCODE | Should -Be 0
    }
}
