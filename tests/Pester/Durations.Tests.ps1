BeforeAll {
    Import-Module $env:DEACON_MODULE -Force
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Duration parameters' {
    BeforeEach {
        $town = New-TestTown (Join-Path $TestDrive "town-$([guid]::NewGuid().ToString('N'))")
        Set-AgedHeartbeat $town ([timespan]::FromSeconds(90))
    }

    It 'reads thresholds given as <Form> as 5 and 20 minutes' -ForEach @(
        @{ Form = 'integers (seconds)'; Stale = 300; VeryStale = 1200 }
        @{ Form = 'numeric strings (seconds)'; Stale = '300'; VeryStale = '1200' }
        @{ Form = 'doubles (seconds)'; Stale = 300.0; VeryStale = 1200.0 }
        @{ Form = 'Go duration text'; Stale = '5m'; VeryStale = '20m' }
        @{ Form = 'TimeSpan text'; Stale = '00:05:00'; VeryStale = '00:20:00' }
        @{ Form = 'TimeSpans'; Stale = [timespan]::FromMinutes(5); VeryStale = [timespan]::FromMinutes(20) }
    ) {
        # A bare number once bound as ticks, so a 90-second-old heartbeat was VeryStale.
        $heartbeat = Get-DeaconHeartbeat $town -StaleThreshold $Stale -VeryStaleThreshold $VeryStale
        $heartbeat.Status | Should -Be 'Fresh'
        Test-DeaconShouldPoke $town -StaleThreshold $Stale -VeryStaleThreshold $VeryStale | Should -BeFalse
    }

    It 'reads a bare number typed at the command line as seconds' {
        $result = Invoke-Pwsh -NoProfile -NonInteractive -Command "Import-Module '$env:DEACON_MODULE'; (Get-DeaconHeartbeat -TownRoot '$town' -StaleThreshold 60 -VeryStaleThreshold 1.5h).Status"
        $result | Should -Be 'Stale'
    }

    It 'takes Go duration text from $PSDefaultParameterValues' {
        $PSDefaultParameterValues['Get-DeaconHeartbeat:StaleThreshold'] = '1m'
        try { (Get-DeaconHeartbeat $town).Status | Should -Be 'Stale' }
        finally { $PSDefaultParameterValues.Remove('Get-DeaconHeartbeat:StaleThreshold') }
    }

    It 'refuses <Value> with a binding error that names the accepted forms' -ForEach @(
        @{ Value = '5 minutes' }
        @{ Value = '1d' }
        @{ Value = 'soon' }
    ) {
        $err = { Get-DeaconHeartbeat $town -StaleThreshold $Value } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        $err.Exception.Message | Should -BeLike "*'$Value' is not a duration*300*5m*1h30m*00:05:00*"
    }

    It 'refuses a zero or negative threshold, saying so in duration text' {
        $err = { Get-DeaconHeartbeat $town -StaleThreshold '-5m' } | Should -Throw -PassThru
        $err.Exception.Message | Should -BeLike '*must be greater than zero; -5m0s is not*'
    }

    It 'waits -LockTimeout <Value> as <Seconds> seconds' -ForEach @(
        @{ Value = 2; Seconds = 2 }
        @{ Value = '1500ms'; Seconds = 1.5 }
    ) {
        # The timeout message reports how long the writer waited for a lock that another process holds.
        $lock = Join-Path $town 'deacon/heartbeat.json.lock'
        $holder = [IO.File]::Open($lock, 'OpenOrCreate', 'ReadWrite', 'None')
        try {
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $null = Update-DeaconHeartbeat $town -LockTimeout $Value -ErrorVariable errs -ErrorAction SilentlyContinue
            $clock.Stop()
        }
        finally { $holder.Dispose() }
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'HeartbeatLockTimeout,*'
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual $Seconds
    }

    It 'watches for -Timeout <Value>' -ForEach @(@{ Value = 1 }, @{ Value = '1s' }) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $null = Watch-DeaconHeartbeat $town -Timeout $Value
        $clock.Stop()
        # Bound as ticks, a 1 once returned at once.
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 1
    }

    It 'names the thresholds in force with -Verbose' {
        $verbose = Get-DeaconHeartbeat $town -StaleThreshold 5m -VeryStaleThreshold 20m -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        $verbose.Message | Should -Contain 'Thresholds: Stale from 5m0s, VeryStale from 20m0s.'
    }

    It 'says which parameter to change when the stale threshold is not below the very-stale one' {
        # The very-stale threshold could come from the town's settings, so the check is the town's: an error for it.
        $null = Get-DeaconHeartbeat $town -StaleThreshold 10m -ErrorVariable errs -ErrorAction SilentlyContinue
        $err = $errs[0]
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidThresholds,*'
        $err.Exception.Message | Should -BeLike '*(10m0s) must be less than the very-stale threshold (5m0s)*-VeryStaleThreshold is 5m0s by default: raise it above 10m0s too*'
        $err.Exception.Message | Should -Not -BeLike '*Parameter*'
    }
}
