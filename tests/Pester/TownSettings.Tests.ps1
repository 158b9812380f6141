BeforeAll {
    Import-Module $env:DEACON_MODULE -Force
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function Set-TownSettings([string] $Town, [string] $Text) {
        $null = New-Item -ItemType Directory -Force -Path (Join-Path $Town 'settings')
        [IO.File]::WriteAllText((Join-Path $Town 'settings/config.json'), $Text, [Text.UTF8Encoding]::new($false))
    }

    function Get-SettingsText([string] $Stale, [string] $VeryStale) {
        $members = @()
        if ($Stale) { $members += """heartbeat_stale_threshold"": ""$Stale""" }
        if ($VeryStale) { $members += """heartbeat_very_stale_threshold"": ""$VeryStale""" }
        "{`n  ""name"": ""town"",`n  ""operational"": {`n    ""deacon"": {$($members -join ', ')}`n  }`n}"
    }

    function Get-SettingsPath([string] $Town) { [IO.Path]::Combine($Town, 'settings', 'config.json') }
}

Describe 'The town''s own thresholds' {
    BeforeEach {
        $town = New-TestTown (Join-Path $TestDrive "town-$([guid]::NewGuid().ToString('N'))")
        Set-AgedHeartbeat $town ([timespan]::FromMinutes(10))
    }

    It 'judges a town by the thresholds in its settings/config.json, and shows them' {
        (Get-DeaconHeartbeat $town).Status | Should -Be 'VeryStale'
        Set-TownSettings $town (Get-SettingsText '5m' '20m')
        $hb = Get-DeaconHeartbeat $town -WarningVariable warnings
        $hb.Status | Should -Be 'Stale'
        $hb.ShouldPoke | Should -BeFalse
        $hb.StaleThreshold | Should -Be ([timespan]::FromMinutes(5))
        $hb.VeryStaleThreshold | Should -Be ([timespan]::FromMinutes(20))
        $warnings | Should -BeNullOrEmpty
    }

    It 'shows the default thresholds on a town without settings, silently' {
        $hb = Get-DeaconHeartbeat $town -WarningVariable warnings
        $hb.StaleThreshold | Should -Be ([timespan]::FromMinutes(2))
        $hb.VeryStaleThreshold | Should -Be ([timespan]::FromMinutes(5))
        $warnings | Should -BeNullOrEmpty
    }

    It 'takes one threshold from the settings and the other from the default' {
        Set-TownSettings $town (Get-SettingsText '' '20m')
        $hb = Get-DeaconHeartbeat $town
        ($hb.StaleThreshold, $hb.VeryStaleThreshold) | Should -Be @([timespan]::FromMinutes(2), [timespan]::FromMinutes(20))
        $hb.Status | Should -Be 'Stale'
    }

    It 'lets a parameter win over the setting, the other threshold still from the town' {
        Set-TownSettings $town (Get-SettingsText '5m' '20m')
        $hb = Get-DeaconHeartbeat $town -StaleThreshold 15m
        ($hb.StaleThreshold, $hb.VeryStaleThreshold) | Should -Be @([timespan]::FromMinutes(15), [timespan]::FromMinutes(20))
        $hb.Status | Should -Be 'Fresh'
    }

    It 'lets $PSDefaultParameterValues win over the setting' {
        Set-TownSettings $town (Get-SettingsText '5m' '20m')
        $PSDefaultParameterValues['*-Deacon*:StaleThreshold'] = '1m'
        $PSDefaultParameterValues['*-Deacon*:VeryStaleThreshold'] = '8m'
        try {
            $hb = Get-DeaconHeartbeat $town
            ($hb.StaleThreshold, $hb.VeryStaleThreshold) | Should -Be @([timespan]::FromMinutes(1), [timespan]::FromMinutes(8))
            $hb.Status | Should -Be 'VeryStale'
            Test-DeaconShouldPoke $town | Should -BeTrue
        }
        finally {
            $PSDefaultParameterValues.Remove('*-Deacon*:StaleThreshold')
            $PSDefaultParameterValues.Remove('*-Deacon*:VeryStaleThreshold')
        }
    }

    It 'judges like a 5m/20m daemon with $PSDefaultParameterValues alone, as the README says' {
        $PSDefaultParameterValues['*-Deacon*:StaleThreshold'] = '5m'
        $PSDefaultParameterValues['*-Deacon*:VeryStaleThreshold'] = '20m'
        try {
            (Get-DeaconHeartbeat $town).Status | Should -Be 'Stale'
            Test-DeaconShouldPoke $town | Should -BeFalse
        }
        finally {
            $PSDefaultParameterValues.Remove('*-Deacon*:StaleThreshold')
            $PSDefaultParameterValues.Remove('*-Deacon*:VeryStaleThreshold')
        }
    }

    It 'warns about a bad <What>, naming the file and the key, and judges that town by the defaults' -ForEach @(
        @{ What = 'duration'; Stale = 'banana'; Says = 'operational.deacon.heartbeat_stale_threshold "banana" is not a Go duration*' }
        @{ What = 'zero'; Stale = '0s'; Says = 'operational.deacon.heartbeat_stale_threshold "0s" is not greater than zero*' }
        @{ What = 'negative'; Stale = '-5m'; Says = 'operational.deacon.heartbeat_stale_threshold "-5m" is not greater than zero*' }
        @{ What = 'order'; Stale = '30m'; Says = 'operational.deacon.heartbeat_stale_threshold (30m0s) is not below operational.deacon.heartbeat_very_stale_threshold (20m0s)*' }
    ) {
        Set-TownSettings $town (Get-SettingsText $Stale '20m')
        $hb = Get-DeaconHeartbeat $town -WarningVariable warnings -WarningAction SilentlyContinue
        $hb.Status | Should -Be 'VeryStale'
        ($hb.StaleThreshold, $hb.VeryStaleThreshold) | Should -Be @([timespan]::FromMinutes(2), [timespan]::FromMinutes(5))
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike "Town settings '$(Get-SettingsPath $town)': $Says This town is judged as if it had no settings: Stale from 2m0s (default), VeryStale from 5m0s (default)."
    }

    It 'warns about a settings file that is not JSON, and is silent about a missing one' {
        Set-TownSettings $town "{ 'operational': }"
        $null = Get-DeaconHeartbeat $town -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike "Town settings '$(Get-SettingsPath $town)': it is not JSON: *(line 1, column *). This town is judged as if it had no settings*"
        Remove-Item (Get-SettingsPath $town)
        $null = Get-DeaconHeartbeat $town -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
    }

    It 'reads the settings again when the file changes' {
        Set-TownSettings $town (Get-SettingsText '5m' '20m')
        (Get-DeaconHeartbeat $town).Status | Should -Be 'Stale'
        Set-TownSettings $town (Get-SettingsText '15m' '30m')
        (Get-Item (Get-SettingsPath $town)).LastWriteTimeUtc = [datetime]::UtcNow.AddSeconds(5)
        (Get-DeaconHeartbeat $town).Status | Should -Be 'Fresh'
    }

    It 'makes a threshold given that does not fit the town''s other one an error for that town only' {
        $strict = New-TestTown (Join-Path $TestDrive "strict-$([guid]::NewGuid().ToString('N'))")
        Set-AgedHeartbeat $strict ([timespan]::FromMinutes(1))
        Set-TownSettings $town (Get-SettingsText '' '20m')
        $got = Get-DeaconHeartbeat $town, $strict -StaleThreshold 10m -ErrorVariable errs -ErrorAction SilentlyContinue
        $got.TownRoot | Should -Be @($town)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidThresholds,GasTown.Deacon.Commands.GetDeaconHeartbeatCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].TargetObject | Should -Be $strict
        $errs[0].Exception.Message | Should -BeLike "Cannot judge '$strict': the stale threshold (10m0s) must be less than the very-stale threshold (5m0s). -VeryStaleThreshold is 5m0s by default*"
    }

    It 'names the settings file and key when a threshold given does not fit the one the town sets' {
        Set-TownSettings $town (Get-SettingsText '' '20m')
        $answer = Test-DeaconShouldPoke $town -StaleThreshold 30m -ErrorVariable errs -ErrorAction SilentlyContinue
        $answer | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidThresholds,GasTown.Deacon.Commands.TestDeaconShouldPokeCommand'
        $errs[0].TargetObject | Should -Be (Get-SettingsPath $town)
        $errs[0].Exception.Message | Should -BeLike "*The very-stale threshold is 20m0s in '$(Get-SettingsPath $town)' (operational.deacon.heartbeat_very_stale_threshold): lower -StaleThreshold below it*"
    }

    It 'is what Test-DeaconShouldPoke judges by, and -Verbose says so' {
        Test-DeaconShouldPoke $town | Should -BeTrue
        Set-TownSettings $town (Get-SettingsText '5m' '20m')
        $out = Test-DeaconShouldPoke $town -Verbose 4>&1
        $out.Where({ $_ -is [bool] }) | Should -Be @($false)
        ($out.Where({ $_ -is [Management.Automation.VerboseRecord] }).Message -join "`n") |
            Should -BeLike "*${town}: judged by Stale from 5m0s (town settings), VeryStale from 20m0s (town settings).*"
    }

    It 'is what the heartbeats Update-DeaconHeartbeat and Write-DeaconHeartbeat emit show' {
        Set-TownSettings $town (Get-SettingsText '5m' '20m')
        (Update-DeaconHeartbeat $town).VeryStaleThreshold | Should -Be ([timespan]::FromMinutes(20))
        (Write-DeaconHeartbeat $town -Cycle 3).StaleThreshold | Should -Be ([timespan]::FromMinutes(5))
    }
}
