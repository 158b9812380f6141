BeforeAll {
    Import-Module $env:DEACON_MODULE -Force
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Write-DeaconHeartbeat' {
    BeforeEach {
        $town = New-TestTown (Join-Path $TestDrive "town-$([guid]::NewGuid().ToString('N'))")
    }

    It 'writes exactly the bytes Go writes for the same heartbeat' {
        $hb = Write-DeaconHeartbeat -TownRoot $town -Timestamp '2025-12-01T10:00:00.25Z' -Cycle 42 -LastAction "patrol`n<done>" -HealthyAgents 5 -UnhealthyAgents 1
        $hb | Should -BeOfType GasTown.Deacon.Heartbeat
        $expected = "{`n  `"timestamp`": `"2025-12-01T10:00:00.25Z`",`n  `"cycle`": 42,`n  `"last_action`": `"patrol\n\u003cdone\u003e`",`n  `"healthy_agents`": 5,`n  `"unhealthy_agents`": 1`n}"
        $bytes = [IO.File]::ReadAllBytes((Get-HeartbeatFilePath $town))
        [Text.Encoding]::UTF8.GetString($bytes) | Should -BeExactly $expected
        $bytes[0] | Should -Be ([byte][char]'{')
    }

    It 'keeps the timestamp''s own offset, as Go does' {
        $null = Write-DeaconHeartbeat $town -Timestamp ([DateTimeOffset]::new(2025, 12, 1, 12, 0, 0, [timespan]::FromHours(2))) -Cycle 1
        Get-HeartbeatText $town | Should -Match '"timestamp": "2025-12-01T12:00:00\+02:00"'
    }

    It 'stamps now in UTC when no timestamp is given' {
        $before = [DateTimeOffset]::UtcNow
        $hb = Write-DeaconHeartbeat $town -Cycle 3
        $hb.Timestamp | Should -BeGreaterOrEqual $before
        $hb.Timestamp.Offset | Should -Be ([timespan]::Zero)
        (Get-DeaconHeartbeat $town).Timestamp | Should -Be $hb.Timestamp
    }

    It 'copies a heartbeat between towns through the pipeline, byte for byte' {
        $null = Write-DeaconHeartbeat $town -Timestamp '2025-12-01T10:00:00Z' -Cycle 77 -LastAction 'copied' -HealthyAgents 2
        $target = New-TestTown (Join-Path $TestDrive "target-$([guid]::NewGuid().ToString('N'))")
        $copy = Get-DeaconHeartbeat -TownRoot $town | Write-DeaconHeartbeat -TownRoot $target
        $copy.TownRoot | Should -Be $target
        $copy.Cycle | Should -Be 77
        Get-HeartbeatText $target | Should -BeExactly (Get-HeartbeatText $town)
    }

    It 'writes a piped heartbeat back to its own town when no -TownRoot is given' {
        $null = Write-DeaconHeartbeat $town -Timestamp '2025-12-01T10:00:00Z' -Cycle 5
        $hb = Get-DeaconHeartbeat $town
        Remove-Item (Get-HeartbeatFilePath $town)
        $hb | Write-DeaconHeartbeat | Out-Null
        (Get-DeaconHeartbeat $town).Cycle | Should -Be 5
    }

    # -WhatIf writes its message to the host, where no redirection reaches: it runs in a pwsh of its own, whose
    # output is kept here rather than leaking into the test log.
    It 'says with -WhatIf the cycle, timestamp, action and counts it would write, and writes nothing' {
        $source = New-TestTown (Join-Path $TestDrive "source-$([guid]::NewGuid().ToString('N'))")
        $null = Write-DeaconHeartbeat $source -Timestamp '2025-12-01T12:00:00.25+02:00' -Cycle 8 -LastAction 'copied' -HealthyAgents 3
        $script = "Import-Module '$env:DEACON_MODULE'
            Write-DeaconHeartbeat -TownRoot '$town' -Timestamp '2025-12-01T10:00:00.5Z' -Cycle 42 -LastAction 'patrol' -HealthyAgents 5 -UnhealthyAgents 1 -WhatIf
            Get-DeaconHeartbeat '$source' | Write-DeaconHeartbeat -TownRoot '$town' -WhatIf"
        $lines = @(Invoke-Pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" } | Where-Object { $_ })
        $lines | Should -Be @(
            "What if: Performing the operation `"Write the Deacon heartbeat: cycle 42, timestamp 2025-12-01T10:00:00.5Z, action 'patrol', 5 healthy and 1 unhealthy agents`" on target `"$(Get-HeartbeatFilePath $town)`"."
            "What if: Performing the operation `"Write the Deacon heartbeat: cycle 8, timestamp 2025-12-01T12:00:00.25+02:00, action 'copied', 3 healthy and 0 unhealthy agents`" on target `"$(Get-HeartbeatFilePath $town)`"."
        )
        Test-Path (Join-Path $town 'deacon') | Should -BeFalse
    }

    It 'refuses a negative <Field> at binding time' -ForEach @(
        @{ Field = 'Cycle'; Splat = @{ Cycle = -1 } }
        @{ Field = 'HealthyAgents'; Splat = @{ HealthyAgents = -1 } }
        @{ Field = 'UnhealthyAgents'; Splat = @{ UnhealthyAgents = -2 } }
    ) {
        { Write-DeaconHeartbeat -TownRoot $town @Splat } | Should -Throw -ErrorId 'ParameterArgumentValidationError,GasTown.Deacon.Commands.WriteDeaconHeartbeatCommand'
        Test-Path (Join-Path $town 'deacon') | Should -BeFalse
    }

    It 'replaces a whole file and leaves no temp file behind' {
        $null = Write-DeaconHeartbeat $town -Cycle 1
        $null = Write-DeaconHeartbeat $town -Cycle 2
        (Get-ChildItem (Join-Path $town 'deacon')).Name | Sort-Object | Should -Be @('heartbeat.json', 'heartbeat.json.lock')
    }

    It 'reports a missing town root as TownRootNotFound' {
        $null = Write-DeaconHeartbeat (Join-Path $TestDrive 'nowhere') -Cycle 1 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'TownRootNotFound,GasTown.Deacon.Commands.WriteDeaconHeartbeatCommand'
        Test-Path (Join-Path $TestDrive 'nowhere') | Should -BeFalse
    }

    It 'stops waiting for the lock at once on Ctrl+C, leaving the heartbeat as it was' {
        $null = Write-DeaconHeartbeat $town -Cycle 7
        $before = Get-HeartbeatText $town
        $result = Stop-WhileLockHeld -Town $town -Command 'Write-DeaconHeartbeat' -Parameters @{ Cycle = 8 }
        $result.WasWaiting | Should -BeTrue
        $result.Stopped | Should -BeTrue
        $result.State | Should -Be 'Stopped'
        Get-HeartbeatText $town | Should -BeExactly $before
    }

    It 'refuses a heartbeat too large for any reader before touching the town' {
        $null = Write-DeaconHeartbeat $town -Cycle 1 -LastAction ('x' * 1MB) -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'HeartbeatTooLarge,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        Test-Path (Join-Path $town 'deacon') | Should -BeFalse
    }
}
