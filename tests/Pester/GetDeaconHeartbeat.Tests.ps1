BeforeAll {
    Import-Module $env:DEACON_MODULE -Force
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $goWritten = "{`n  `"timestamp`": `"2025-12-01T10:00:00.5Z`",`n  `"cycle`": 41,`n  `"last_action`": `"patrol \u003cok\u003e`",`n  `"healthy_agents`": 5,`n  `"unhealthy_agents`": 1`n}"
}

Describe 'Get-DeaconHeartbeat' {
    BeforeEach {
        Push-Location $TestDrive
        $town = New-TestTown (Join-Path $TestDrive "town-$([guid]::NewGuid().ToString('N'))")
    }
    AfterEach { Pop-Location }

    It 'reads a file the Go daemon wrote into a typed Heartbeat' {
        Set-HeartbeatText $town $goWritten
        $hb = Get-DeaconHeartbeat -TownRoot $town
        $hb | Should -BeOfType GasTown.Deacon.Heartbeat
        $hb.PSObject.TypeNames[0] | Should -Be 'GasTown.Deacon.Heartbeat'
        $hb.TownRoot | Should -Be $town
        $hb.Path | Should -Be (Get-HeartbeatFilePath $town)
        $hb.Timestamp | Should -Be ([DateTimeOffset]::new(2025, 12, 1, 10, 0, 0, 500, [timespan]::Zero))
        $hb.Cycle | Should -Be 41
        $hb.LastAction | Should -Be 'patrol <ok>'
        $hb.HealthyAgents | Should -Be 5
        $hb.UnhealthyAgents | Should -Be 1
        $hb.Age | Should -BeOfType [timespan]
        $hb.Status | Should -Be ([GasTown.Deacon.HeartbeatStatus]::VeryStale)
        $hb.ShouldPoke | Should -BeTrue
    }

    It 'classifies a heartbeat <Minutes> minutes old as <Status>' -ForEach @(
        @{ Minutes = 0; Status = 'Fresh'; Poke = $false }
        @{ Minutes = 3; Status = 'Stale'; Poke = $false }
        @{ Minutes = 10; Status = 'VeryStale'; Poke = $true }
        @{ Minutes = -60; Status = 'Future'; Poke = $true }
    ) {
        Set-AgedHeartbeat $town ([timespan]::FromMinutes($Minutes))
        $hb = Get-DeaconHeartbeat $town -WarningAction SilentlyContinue
        $hb.Status | Should -Be $Status
        $hb.ShouldPoke | Should -Be $Poke
    }

    It 'takes other thresholds, such as Gas Town''s current 5 and 20 minutes' {
        Set-AgedHeartbeat $town ([timespan]::FromMinutes(10))
        (Get-DeaconHeartbeat $town -StaleThreshold 00:05:00 -VeryStaleThreshold 00:20:00).Status | Should -Be 'Stale'
    }

    It 'refuses a zero threshold at binding time' {
        { Get-DeaconHeartbeat $town -StaleThreshold 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,GasTown.Deacon.Commands.GetDeaconHeartbeatCommand'
    }

    It 'refuses a stale threshold that is not below the very-stale one' {
        $err = { Get-DeaconHeartbeat $town -StaleThreshold 00:10:00 -VeryStaleThreshold 00:05:00 } | Should -Throw -ErrorId 'InvalidThresholds,GasTown.Deacon.Commands.GetDeaconHeartbeatCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match 'must be less than the very-stale threshold'
    }

    It 'reads a fleet from Get-ChildItem -Directory, reporting a missing heartbeat and going on' {
        $fleet = Join-Path $TestDrive "fleet-$([guid]::NewGuid().ToString('N'))"
        $a = New-TestTown (Join-Path $fleet 'a'); Set-AgedHeartbeat $a ([timespan]::Zero) -Cycle 1
        $b = New-TestTown (Join-Path $fleet 'b')
        $c = New-TestTown (Join-Path $fleet 'c'); Set-AgedHeartbeat $c ([timespan]::Zero) -Cycle 3

        $got = Get-ChildItem -Directory $fleet | Get-DeaconHeartbeat -ErrorVariable errs -ErrorAction SilentlyContinue
        $got.Cycle | Should -Be @(1, 3)
        $got.TownRoot | Should -Be @($a, $c)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'HeartbeatNotFound,GasTown.Deacon.Commands.GetDeaconHeartbeatCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be (Get-HeartbeatFilePath $b)
        $errs[0].Exception.Message | Should -BeLike "*$(Get-HeartbeatFilePath $b)*"
    }

    It 'reads towns piped as strings, in order' {
        $one = New-TestTown (Join-Path $TestDrive 'one'); Set-AgedHeartbeat $one ([timespan]::Zero) -Cycle 11
        $two = New-TestTown (Join-Path $TestDrive 'two'); Set-AgedHeartbeat $two ([timespan]::Zero) -Cycle 22
        ($one, $two | Get-DeaconHeartbeat).Cycle | Should -Be @(11, 22)
        (Get-DeaconHeartbeat -TownRoot $one, $two).Cycle | Should -Be @(11, 22)
    }

    It 'resolves relative paths against the PowerShell location, not the process directory' {
        $here = New-TestTown (Join-Path $TestDrive 'rel/here'); Set-AgedHeartbeat $here ([timespan]::Zero) -Cycle 100
        $decoy = New-TestTown (Join-Path $TestDrive 'decoy/here'); Set-AgedHeartbeat $decoy ([timespan]::Zero) -Cycle 999
        $saved = [Environment]::CurrentDirectory
        try {
            [Environment]::CurrentDirectory = Join-Path $TestDrive 'decoy'
            Set-Location (Join-Path $TestDrive 'rel')
            $hb = Get-DeaconHeartbeat -TownRoot ./here
            $hb.Cycle | Should -Be 100
            $hb.TownRoot | Should -Be $here
        }
        finally { [Environment]::CurrentDirectory = $saved }
    }

    It 'resolves .. and . segments, PowerShell drives, and absolute paths from another provider''s location' {
        $t = New-TestTown (Join-Path $TestDrive 'drive/gt'); Set-AgedHeartbeat $t ([timespan]::Zero) -Cycle 61
        $null = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'drive/other')
        Set-Location (Join-Path $TestDrive 'drive/other')
        (Get-DeaconHeartbeat -TownRoot '../other/./../gt/').TownRoot | Should -Be $t
        $null = New-PSDrive -Name DeaconTowns -PSProvider FileSystem -Root (Join-Path $TestDrive 'drive')
        try {
            (Get-DeaconHeartbeat -TownRoot 'DeaconTowns:/gt').Cycle | Should -Be 61
            Set-Location DeaconTowns:/
            (Get-DeaconHeartbeat -TownRoot 'gt').TownRoot | Should -Be $t
            Set-Location Env:
            (Get-DeaconHeartbeat -TownRoot $t).Cycle | Should -Be 61
        }
        finally {
            Set-Location $TestDrive
            Remove-PSDrive DeaconTowns
        }
    }

    It 'refuses a relative town root while the location is on another provider' {
        Set-Location Env:
        try { $null = Get-DeaconHeartbeat -TownRoot 'PATH' -ErrorVariable errs -ErrorAction SilentlyContinue }
        finally { Set-Location $TestDrive }
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TownRootNotFileSystem,*'
    }

    It 'resolves ~ to the file system home' {
        $fs = Get-PSProvider FileSystem
        $savedHome = $fs.Home
        try {
            $fs.Home = Join-Path $TestDrive 'home'
            $t = New-TestTown (Join-Path $TestDrive 'home/gt'); Set-AgedHeartbeat $t ([timespan]::Zero) -Cycle 5
            (Get-DeaconHeartbeat -TownRoot ~/gt).TownRoot | Should -Be $t
        }
        finally { $fs.Home = $savedHome }
    }

    It 'accepts a provider-qualified path as Get-ChildItem gives in PSPath' {
        Set-AgedHeartbeat $town ([timespan]::Zero) -Cycle 8
        (Get-DeaconHeartbeat -TownRoot "Microsoft.PowerShell.Core\FileSystem::$town").Cycle | Should -Be 8
    }

    It 'reports an invalid file as InvalidData with the reason' {
        Set-HeartbeatText $town '{"cycle": "3"}'
        $null = Get-DeaconHeartbeat $town -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'HeartbeatInvalid,GasTown.Deacon.Commands.GetDeaconHeartbeatCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].TargetObject | Should -Be (Get-HeartbeatFilePath $town)
        $errs[0].Exception.Message | Should -BeLike '*cycle must be an integer, but it is a string (line 1, column 11)*'
    }

    It 'reports an oversized file as InvalidData without reading it' {
        $null = New-Item -ItemType Directory -Force (Join-Path $town 'deacon')
        $fs = [IO.File]::Create((Get-HeartbeatFilePath $town)); $fs.SetLength(2MB); $fs.Dispose()
        $null = Get-DeaconHeartbeat $town -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'HeartbeatTooLarge,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].Exception.Message | Should -BeLike '*2097152 bytes, over the 1048576-byte limit*'
    }

    It 'reports a town root that does not exist, and creates nothing' {
        $missing = Join-Path $TestDrive 'no-such-town'
        $null = Get-DeaconHeartbeat $missing -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TownRootNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be $missing
        Test-Path $missing | Should -BeFalse
    }

    It 'reports a file system failure as HeartbeatIOError' {
        $null = New-Item -ItemType Directory -Force (Get-HeartbeatFilePath $town)
        $null = Get-DeaconHeartbeat $town -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'HeartbeatIOError,*'
        $errs[0].CategoryInfo.Category | Should -BeIn @('ReadError', 'PermissionDenied')
        $errs[0].TargetObject | Should -Be (Get-HeartbeatFilePath $town)
    }

    It 'refuses a town root on another provider' {
        $null = Get-DeaconHeartbeat -TownRoot 'Env:\PATH' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TownRootNotFileSystem,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'can be caught by error id with -ErrorAction Stop' {
        { Get-DeaconHeartbeat $town -ErrorAction Stop } | Should -Throw -ErrorId 'HeartbeatNotFound,GasTown.Deacon.Commands.GetDeaconHeartbeatCommand'
    }

    It 'says with -Verbose what it read for each town' {
        Set-HeartbeatText $town $goWritten
        $verbose = @(Get-DeaconHeartbeat $town -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $verbose.Count | Should -Be 2
        $verbose[1].Message | Should -BeLike "Read '$(Get-HeartbeatFilePath $town)': cycle 41, VeryStale, *d *h old, written 2025-12-01T10:00:00.5Z."
    }

    It 'follows $VerbosePreference, and -Verbose:$false over it' {
        Set-HeartbeatText $town $goWritten
        $VerbosePreference = 'Continue'
        @(Get-DeaconHeartbeat $town -Verbose:$false 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -Be 0
        @(Get-DeaconHeartbeat $town 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -Be 2
    }

    It 'warns about clock skew for a heartbeat from the future, as Test-DeaconShouldPoke does, claiming no poke' {
        Set-AgedHeartbeat $town ([timespan]::FromMinutes(-30))
        $hb = Get-DeaconHeartbeat $town -WarningVariable warnings -WarningAction SilentlyContinue
        $hb.Status | Should -Be 'Future'
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike "$town`: the heartbeat is dated *Z, 29m 5?s ahead of this machine's clock (more than the stale threshold, 2m0s). A clock is skewed; its Status is Future and ShouldPoke is true."
        $warnings[0].Message | Should -Not -BeLike '*poking*'
    }

    It 'does not warn about a heartbeat a little ahead of the clock' {
        Set-AgedHeartbeat $town ([timespan]::FromSeconds(-30))
        $null = Get-DeaconHeartbeat $town -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
    }

    It 'shows a readable age in the default table' {
        Set-AgedHeartbeat $town ([timespan]::FromSeconds(7 * 60 + 30))
        $text = Get-DeaconHeartbeat $town | Out-String -Width 200
        $text | Should -Match 'VeryStale\s+7m 3\ds'
        $text | Should -Match "(?m)^$([regex]::Escape([GasTown.Deacon.Commands.TownRootText]::Shorten($town, 16)))\s+VeryStale"
    }
}
