BeforeAll {
    Import-Module $env:DEACON_MODULE -Force
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Update-DeaconHeartbeat' {
    BeforeEach {
        $town = New-TestTown (Join-Path $TestDrive "town-$([guid]::NewGuid().ToString('N'))")
    }

    It 'starts at cycle 1 and counts up, emitting the heartbeat written' {
        $first = Update-DeaconHeartbeat -TownRoot $town
        $first | Should -BeOfType GasTown.Deacon.Heartbeat
        $first.Cycle | Should -Be 1
        $first.Status | Should -Be 'Fresh'
        $second = Update-DeaconHeartbeat -TownRoot $town -Action 'patrol: 3 witnesses' -HealthyAgents 3 -UnhealthyAgents 1
        $second.Cycle | Should -Be 2
        $second.LastAction | Should -Be 'patrol: 3 witnesses'
        $second.HealthyAgents | Should -Be 3
        $second.UnhealthyAgents | Should -Be 1
        (Get-DeaconHeartbeat $town).Cycle | Should -Be 2
    }

    It 'stamps now in UTC and writes the Go layout' {
        $before = [DateTimeOffset]::UtcNow
        $hb = Update-DeaconHeartbeat $town -Action 'a <b> & "c"'
        $after = [DateTimeOffset]::UtcNow
        $hb.Timestamp.Offset | Should -Be ([timespan]::Zero)
        $hb.Timestamp | Should -BeGreaterOrEqual $before
        $hb.Timestamp | Should -BeLessOrEqual $after
        $text = Get-HeartbeatText $town
        $text | Should -Match '^\{\n  "timestamp": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z",\n  "cycle": 1,\n  "last_action": "a \\u003cb\\u003e \\u0026 \\"c\\"",\n  "healthy_agents": 0,\n  "unhealthy_agents": 0\n\}$'
    }

    It 'clears the previous action when called without one, as Touch does' {
        $null = Update-DeaconHeartbeat $town -Action 'first' -HealthyAgents 2
        $hb = Update-DeaconHeartbeat $town
        $hb.LastAction | Should -BeNullOrEmpty
        $hb.HealthyAgents | Should -Be 0
        Get-HeartbeatText $town | Should -Not -Match 'last_action'
    }

    It 'updates every town piped to it' {
        $other = New-TestTown (Join-Path $TestDrive "other-$([guid]::NewGuid().ToString('N'))")
        $null = Update-DeaconHeartbeat $other
        ($town, $other | Update-DeaconHeartbeat).Cycle | Should -Be @(1, 2)
        (Get-Item $town, $other | Update-DeaconHeartbeat).Cycle | Should -Be @(2, 3)
    }

    # -WhatIf writes its message to the host, where no redirection reaches: it runs in a pwsh of its own, whose
    # output is kept here rather than leaking into the test log.
    It 'says with -WhatIf the cycle, action and counts it would write, and writes nothing' {
        $fresh = New-TestTown (Join-Path $TestDrive "fresh-$([guid]::NewGuid().ToString('N'))")
        $null = Update-DeaconHeartbeat $town -Action 'first'
        $before = Get-HeartbeatText $town
        $invalid = New-TestTown (Join-Path $TestDrive "invalid-$([guid]::NewGuid().ToString('N'))")
        Set-HeartbeatText $invalid '{"cycle": "x"}'
        $script = "Import-Module '$env:DEACON_MODULE'
            Update-DeaconHeartbeat -TownRoot '$town' -Action 'patrol: 4 witnesses' -HealthyAgents 4 -UnhealthyAgents 1 -WhatIf
            Update-DeaconHeartbeat -TownRoot '$fresh' -WhatIf
            Update-DeaconHeartbeat -TownRoot '$invalid' -Action 'again' -WhatIf"
        $lines = @(Invoke-Pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" } | Where-Object { $_ })
        $lines | Should -Be @(
            "What if: Performing the operation `"Update the Deacon heartbeat: cycle 2 (after 1), stamped now, action 'patrol: 4 witnesses', 4 healthy and 1 unhealthy agents`" on target `"$(Get-HeartbeatFilePath $town)`"."
            "What if: Performing the operation `"Update the Deacon heartbeat: cycle 1 (no heartbeat yet), stamped now, no action (clearing the last one), 0 healthy and 0 unhealthy agents`" on target `"$(Get-HeartbeatFilePath $fresh)`"."
            "What if: Performing the operation `"Update the Deacon heartbeat: cycle 1, replacing the invalid heartbeat, stamped now, action 'again', 0 healthy and 0 unhealthy agents`" on target `"$(Get-HeartbeatFilePath $invalid)`"."
        )
        Get-HeartbeatText $town | Should -BeExactly $before
        Test-Path (Join-Path $fresh 'deacon') | Should -BeFalse
        Get-HeartbeatText $invalid | Should -BeExactly '{"cycle": "x"}'
    }

    It 'warns when it restarts the cycle over an invalid file' {
        Set-HeartbeatText $town '{"cycle": 41, "timestamp": "not a time"}'
        $hb = Update-DeaconHeartbeat $town -WarningVariable warnings -WarningAction SilentlyContinue
        $hb.Cycle | Should -Be 1
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike '*is invalid: timestamp "not a time" is not valid*cycle restarted at 1*'
    }

    It 'refuses negative counts at binding time' {
        { Update-DeaconHeartbeat $town -HealthyAgents -1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,GasTown.Deacon.Commands.UpdateDeaconHeartbeatCommand'
        { Update-DeaconHeartbeat $town -UnhealthyAgents -1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,GasTown.Deacon.Commands.UpdateDeaconHeartbeatCommand'
        Test-Path (Join-Path $town 'deacon') | Should -BeFalse
    }

    It 'refuses to wrap the cycle and leaves the file alone' {
        Set-HeartbeatText $town '{"timestamp": "2025-12-01T10:00:00Z", "cycle": 9223372036854775807}'
        $null = Update-DeaconHeartbeat $town -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'HeartbeatCycleOverflow,*'
        $errs[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        Get-HeartbeatText $town | Should -BeExactly '{"timestamp": "2025-12-01T10:00:00Z", "cycle": 9223372036854775807}'
    }

    It 'times out clearly when another writer holds the lock' {
        $null = Update-DeaconHeartbeat $town
        $before = Get-HeartbeatText $town
        $lock = [IO.File]::Open((Get-HeartbeatFilePath $town) + '.lock', 'OpenOrCreate', 'ReadWrite', 'None')
        try {
            $null = Update-DeaconHeartbeat $town -LockTimeout 00:00:00.2 -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        finally { $lock.Dispose() }
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'HeartbeatLockTimeout,*'
        $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $errs[0].TargetObject | Should -Be ((Get-HeartbeatFilePath $town) + '.lock')
        Get-HeartbeatText $town | Should -BeExactly $before
    }

    It 'stops waiting for the lock at once on Ctrl+C, writing nothing' {
        $null = Update-DeaconHeartbeat $town
        $before = Get-HeartbeatText $town
        $result = Stop-WhileLockHeld -Town $town -Command 'Update-DeaconHeartbeat' -Parameters @{ Action = 'never' }
        $result.WasWaiting | Should -BeTrue
        $result.Stopped | Should -BeTrue
        $result.State | Should -Be 'Stopped'
        # A stopped multi-statement invocation records PipelineStopped; nothing else (no lock timeout) may appear.
        $result.Errors | Where-Object FullyQualifiedErrorId -NE 'PipelineStopped' | Should -BeNullOrEmpty
        Get-HeartbeatText $town | Should -BeExactly $before
    }

    It 'reports a directory at the lock path at once, as a directory, naming it' {
        $lockPath = (Get-HeartbeatFilePath $town) + '.lock'
        $null = New-Item -ItemType Directory -Force $lockPath
        $null = Update-DeaconHeartbeat $town -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'HeartbeatIOError,*'
        $errs[0].CategoryInfo.Category | Should -Be 'WriteError'
        $errs[0].TargetObject | Should -Be $lockPath
        $errs[0].Exception.Fault | Should -Be 'DirectoryInTheWay'
        $errs[0].Exception.Message | Should -BeExactly "Cannot take the heartbeat lock '$lockPath': it is a directory, not a file."
    }

    It 'refuses a symbolic link at the lock path as a security error and creates nothing where it points' -Skip:$IsWindows {
        $lockPath = (Get-HeartbeatFilePath $town) + '.lock'
        $target = Join-Path $TestDrive "nologin-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory (Join-Path $town 'deacon')
        $null = [IO.File]::CreateSymbolicLink($lockPath, $target)
        $null = Update-DeaconHeartbeat $town -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'HeartbeatIOError,*'
        $errs[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $errs[0].Exception.Message | Should -BeLike "*'$lockPath': it is a symbolic link to '$target'*remove the link."
        Test-Path $target | Should -BeFalse
        Test-Path (Get-HeartbeatFilePath $town) | Should -BeFalse
    }

    It 'refuses an action too large for any reader, keeping the heartbeat and its cycle' {
        $null = Update-DeaconHeartbeat $town -Action 'first'
        $before = Get-HeartbeatText $town
        $null = Update-DeaconHeartbeat $town -Action ('x' * 2MB) -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'HeartbeatTooLarge,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].TargetObject | Should -Be (Get-HeartbeatFilePath $town)
        $errs[0].Exception.Message | Should -BeLike '*would be 2097*bytes, over the 1048576-byte limit*nothing was written*'
        Get-HeartbeatText $town | Should -BeExactly $before
        (Update-DeaconHeartbeat $town).Cycle | Should -Be 2
    }

    It 'reports a missing town root and creates nothing' {
        $missing = Join-Path $TestDrive 'gone'
        $null = Update-DeaconHeartbeat $missing -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TownRootNotFound,*'
        Test-Path $missing | Should -BeFalse
    }

    It 'loses no cycle when several pwsh processes update at once' {
        $script = "Import-Module '$env:DEACON_MODULE'; 1..25 | ForEach-Object { `$null = Update-DeaconHeartbeat -TownRoot '$town' -ErrorAction Stop }"
        $procs = 1..4 | ForEach-Object { Start-Pwsh -ArgumentList '-NoProfile', '-NonInteractive', '-Command', $script }
        $procs | Wait-Process
        $procs | ForEach-Object { $_.ExitCode | Should -Be 0 }
        (Get-DeaconHeartbeat $town).Cycle | Should -Be 100
    }
}
