BeforeAll {
    Import-Module $env:DEACON_MODULE -Force
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function Get-PauseFilePath([string] $Town) { [IO.Path]::Combine($Town, '.runtime', 'deacon', 'paused.json') }

    function Set-PauseText([string] $Town, [string] $Text) {
        $null = New-Item -ItemType Directory -Force -Path ([IO.Path]::Combine($Town, '.runtime', 'deacon'))
        [IO.File]::WriteAllText((Get-PauseFilePath $Town), $Text, [Text.UTF8Encoding]::new($false))
    }

    # Runs a command in a runspace with no host, where -WhatIf messages (which a binary cmdlet writes to the host,
    # past every redirection) go nowhere instead of into the test log. Returns its output; throws on an error.
    function Invoke-WithoutHost([string] $Command) {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:DEACON_MODULE'; $Command")
            $out = $ps.Invoke()
            if ($ps.Streams.Error.Count) { throw $ps.Streams.Error[0] }
            $out
        }
        finally { $ps.Dispose() }
    }

    # A pause file exactly as Gas Town's own Pause wrote it (tests/golden/pause, made by running Go's pause.go).
    $goPause = [IO.File]::ReadAllText((Join-Path $PSScriptRoot '../golden/pause/write/reason-and-by.json'))
}

Describe 'Suspend-Deacon' {
    BeforeEach {
        $town = New-TestTown (Join-Path $TestDrive "town-$([guid]::NewGuid().ToString('N'))")
    }

    It 'writes the pause file as Go''s Pause does, stamped now in UTC, and emits the pause' {
        $before = [DateTimeOffset]::UtcNow
        $pause = Suspend-Deacon -TownRoot $town -Reason 'maintenance <window> & "more"'
        $after = [DateTimeOffset]::UtcNow
        $pause | Should -BeOfType GasTown.Deacon.DeaconPause
        $pause.TownRoot | Should -Be $town
        $pause.Path | Should -Be (Get-PauseFilePath $town)
        $pause.Paused | Should -BeTrue
        $pause.Reason | Should -Be 'maintenance <window> & "more"'
        $pause.PausedBy | Should -Be 'human'
        $pause.PausedAt.Offset | Should -Be ([timespan]::Zero)
        $pause.PausedAt | Should -BeGreaterOrEqual $before
        $pause.PausedAt | Should -BeLessOrEqual $after
        [IO.File]::ReadAllText((Get-PauseFilePath $town)) |
            Should -Match '^\{\n  "paused": true,\n  "reason": "maintenance \\u003cwindow\\u003e \\u0026 \\"more\\"",\n  "paused_at": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z",\n  "paused_by": "human"\n\}$'
    }

    It 'shows when it paused as the file has it, RFC 3339 in UTC, in any culture' {
        $saved = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'fa-IR'
            $pause = Suspend-Deacon -TownRoot $town -Reason 'r'
            $pause.PausedAtUtc | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$'
            $pause | Out-String | Should -Match "PausedAt : $([regex]::Escape($pause.PausedAtUtc))"
        }
        finally { [cultureinfo]::CurrentCulture = $saved }
    }

    It 'gives a new pause file 0600 and its folders 0755, as Go does' -Skip:$IsWindows {
        $null = Suspend-Deacon -TownRoot $town -Reason 'r'
        (Get-Item -Force (Get-PauseFilePath $town)).UnixMode | Should -Be '-rw-------'
        (Get-Item -Force (Join-Path $town '.runtime/deacon')).UnixMode | Should -Be 'drwxr-xr-x'
        (Get-Item -Force (Join-Path $town '.runtime')).UnixMode | Should -Be 'drwxr-xr-x'
    }

    It 'leaves out an empty reason and an empty PausedBy, as Go does' {
        $null = Suspend-Deacon $town -Reason '' -PausedBy ''
        [IO.File]::ReadAllText((Get-PauseFilePath $town)) | Should -Match '^\{\n  "paused": true,\n  "paused_at": "[^"]+"\n\}$'
    }

    It 'takes who paused the Deacon from -PausedBy' {
        (Suspend-Deacon $town -Reason 'r' -PausedBy 'mayor').PausedBy | Should -Be 'mayor'
        [IO.File]::ReadAllText((Get-PauseFilePath $town)) | Should -Match '"paused_by": "mayor"'
    }

    It 'leaves an existing pause alone with a warning, as gt deacon pause does, and replaces it with -Force' {
        $null = Suspend-Deacon $town -Reason 'first' -PausedBy 'alice'
        $before = [IO.File]::ReadAllText((Get-PauseFilePath $town))
        $kept = Suspend-Deacon $town -Reason 'second' -WarningVariable warnings -WarningAction SilentlyContinue
        $kept.Reason | Should -Be 'first'
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike "*'$town' is already paused by alice at *: first; the pause is left as it is*-Force*"
        [IO.File]::ReadAllText((Get-PauseFilePath $town)) | Should -BeExactly $before

        (Suspend-Deacon $town -Reason 'second' -Force).Reason | Should -Be 'second'
        [IO.File]::ReadAllText((Get-PauseFilePath $town)) | Should -Match '"reason": "second"'
    }

    It 'refuses to pause over a pause file it cannot read, unless -Force' {
        Set-PauseText $town '{"paused": tru'
        $out = Suspend-Deacon $town -Reason 'r' -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Be 'PauseFileInvalid,GasTown.Deacon.Commands.SuspendDeaconCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].TargetObject | Should -Be (Get-PauseFilePath $town)
        "$($errs[0])" | Should -BeLike "*pause file '$(Get-PauseFilePath $town)' is invalid*Nothing was written.*"
        [IO.File]::ReadAllText((Get-PauseFilePath $town)) | Should -BeExactly '{"paused": tru'

        (Suspend-Deacon $town -Reason 'r' -Force).Paused | Should -BeTrue
    }

    It 'pauses every town piped to it and reports a missing one, creating nothing there' {
        $other = New-TestTown (Join-Path $TestDrive "other-$([guid]::NewGuid().ToString('N'))")
        $missing = Join-Path $TestDrive 'no-such-town'
        $paused = $town, $missing, $other | Suspend-Deacon -Reason 'fleet' -ErrorVariable errs -ErrorAction SilentlyContinue
        $paused.TownRoot | Should -Be @($town, $other)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'TownRootNotFound,GasTown.Deacon.Commands.SuspendDeaconCommand'
        Test-Path $missing | Should -BeFalse
    }

    It 'refuses a folder inside a town with the error NotATownRoot naming the town, writing nothing, as Update does' {
        $inside = Join-Path $town 'deacon'
        $null = New-Item -ItemType Directory -Force -Path $inside
        Suspend-Deacon $inside -Reason 'r' -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Be 'NotATownRoot,GasTown.Deacon.Commands.SuspendDeaconCommand'
        $errs[0].ToString() | Should -Be "'$inside' is not a town root: it lies inside the town '$town'. Did you mean -TownRoot '$town'? Nothing was written."
        Test-Path (Join-Path $inside '.runtime') | Should -BeFalse

        Resume-Deacon $inside -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings[0].Message | Should -Be "'$inside' is not a town root: it lies inside the town '$town'. Did you mean -TownRoot '$town'?"
        Resume-Deacon $town -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 0
    }

    It 'pauses the town holding the current location' {
        Push-Location (New-Item -ItemType Directory -Force (Join-Path $town 'rig/crew'))
        try { (Suspend-Deacon -Reason 'here').TownRoot | Should -Be $town }
        finally { Pop-Location }
    }

    It 'writes nothing with -WhatIf' {
        Invoke-WithoutHost "Suspend-Deacon -TownRoot '$town' -Reason 'r' -WhatIf" | Should -BeNullOrEmpty
        Test-Path (Join-Path $town '.runtime') | Should -BeFalse
    }

    It 'names the pause file and the reason to -WhatIf and -Confirm' {
        $verbose = Suspend-Deacon $town -Reason 'r' -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        $verbose.Message | Should -Contain "Performing the operation ""Pause the Deacon (reason: r)"" on target ""$(Get-PauseFilePath $town)""."
    }

    It 'requires -Reason' {
        (Get-Command Suspend-Deacon).Parameters['Reason'].Attributes.Where({ $_ -is [Parameter] }).Mandatory | Should -BeTrue
    }
}

Describe 'Resume-Deacon' {
    BeforeEach {
        $town = New-TestTown (Join-Path $TestDrive "town-$([guid]::NewGuid().ToString('N'))")
    }

    It 'removes the pause file and emits nothing' {
        $null = Suspend-Deacon $town -Reason 'r'
        Resume-Deacon $town | Should -BeNullOrEmpty
        Test-Path (Get-PauseFilePath $town) | Should -BeFalse
    }

    It 'is no error when the Deacon is not paused, as gt deacon resume' {
        $verbose = Resume-Deacon $town -Verbose -ErrorVariable errs 4>&1
        $errs | Should -BeNullOrEmpty
        "$verbose" | Should -BeLike '*not paused (no pause file); nothing to do*'
    }

    It 'says with -Verbose whose pause it ended' {
        $null = Suspend-Deacon $town -Reason 'upgrade' -PausedBy 'alice'
        $verbose = Resume-Deacon $town -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -BeLike '*the Deacon is resumed; it was paused by alice at *: upgrade.*'
    }

    It 'removes a pause file it cannot read, warning what was wrong with it' {
        Set-PauseText $town 'not json'
        Resume-Deacon $town -WarningVariable warnings -WarningAction SilentlyContinue
        Test-Path (Get-PauseFilePath $town) | Should -BeFalse
        $warnings[0].Message | Should -BeLike "*pause file '$(Get-PauseFilePath $town)' is invalid*It was removed: the Deacon is resumed.*"
    }

    It 'reports a missing town root' {
        Resume-Deacon (Join-Path $TestDrive 'gone') -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'TownRootNotFound,GasTown.Deacon.Commands.ResumeDeaconCommand'
    }

    It 'removes nothing with -WhatIf' {
        $null = Suspend-Deacon $town -Reason 'r'
        Invoke-WithoutHost "Resume-Deacon -TownRoot '$town' -WhatIf" | Should -BeNullOrEmpty
        Test-Path (Get-PauseFilePath $town) | Should -BeTrue
    }

    It 'names the pause it ends to -WhatIf and -Confirm' {
        $null = Suspend-Deacon $town -Reason 'r'
        $verbose = Resume-Deacon $town -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -BeLike "*Performing the operation ""Resume the Deacon, paused by human at *: r"" on target ""$(Get-PauseFilePath $town)"".*"
    }

    It 'resumes the paused Deacons of heartbeats piped to it' {
        $other = New-TestTown (Join-Path $TestDrive "other-$([guid]::NewGuid().ToString('N'))")
        Set-AgedHeartbeat $town ([timespan]::Zero); Set-AgedHeartbeat $other ([timespan]::Zero)
        $null = Suspend-Deacon $town -Reason 'r'
        Get-DeaconHeartbeat $town, $other | Where-Object Paused | Resume-Deacon
        (Get-DeaconHeartbeat $town, $other).Paused | Should -Be @($false, $false)
    }
}

Describe 'A paused Deacon' {
    BeforeEach {
        $town = New-TestTown (Join-Path $TestDrive "town-$([guid]::NewGuid().ToString('N'))")
    }

    It 'shows in its heartbeat, read from a pause file Go wrote, and is not to be poked' {
        Set-AgedHeartbeat $town ([timespan]::FromMinutes(30))
        Set-PauseText $town $goPause
        $hb = Get-DeaconHeartbeat $town
        $hb.Status | Should -Be 'VeryStale'
        $hb.Paused | Should -BeTrue
        $hb.ShouldPoke | Should -BeFalse
        $hb.PauseReason | Should -Be 'maintenance window'
        $hb.PausedBy | Should -Be 'human'
        $hb.PausedAt | Should -Be ([DateTimeOffset]::new(2026, 4, 1, 12, 0, 0, [timespan]::Zero))
    }

    It 'leaves the pause properties empty when the Deacon is not paused' {
        Set-AgedHeartbeat $town ([timespan]::Zero)
        $hb = Get-DeaconHeartbeat $town
        $hb.Paused | Should -BeFalse
        $hb.PauseReason | Should -BeExactly ''
        $hb.PausedBy | Should -BeExactly ''
        $hb.PausedAt | Should -BeNullOrEmpty
    }

    It 'is not poked however old its heartbeat, or with none, and -Verbose says who paused it, when and why' {
        Set-AgedHeartbeat $town ([timespan]::FromHours(5))
        Test-DeaconShouldPoke $town | Should -BeTrue
        $null = Suspend-Deacon $town -Reason 'upgrading witnesses' -PausedBy 'alice'
        $out = Test-DeaconShouldPoke $town -Verbose 4>&1
        $out.Where({ $_ -is [bool] }) | Should -Be @($false)
        $verbose = $out.Where({ $_ -is [Management.Automation.VerboseRecord] }).Message -join "`n"
        $verbose | Should -BeLike "*${town}: the Deacon is paused by alice at 20*Z (*s ago): upgrading witnesses. Not poking it*Its heartbeat is VeryStale, 5h*"

        Remove-Item (Get-HeartbeatFilePath $town)
        Test-DeaconShouldPoke $town | Should -BeFalse
    }

    It 'makes Update-DeaconHeartbeat refuse to beat, as gt deacon heartbeat does, writing nothing' {
        Set-AgedHeartbeat $town ([timespan]::FromMinutes(1))
        $before = Get-HeartbeatText $town
        $null = Suspend-Deacon $town -Reason 'quiet please'
        $out = Update-DeaconHeartbeat $town -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'DeaconPaused,GasTown.Deacon.Commands.UpdateDeaconHeartbeatCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $errs[0].TargetObject | Should -Be (Get-PauseFilePath $town)
        "$($errs[0])" | Should -BeLike "*'$town' is paused by human at *: quiet please. A paused Deacon must not patrol*nothing was written.*"
        $errs[0].ErrorDetails.RecommendedAction | Should -BeLike '*Resume-Deacon*-Force*'
        Get-HeartbeatText $town | Should -BeExactly $before
    }

    It 'makes Update-DeaconHeartbeat refuse a pause file it cannot read, unless -Force' {
        Set-AgedHeartbeat $town ([timespan]::FromMinutes(1))
        $before = Get-HeartbeatText $town
        Set-PauseText $town '{"paused": 1}'
        $null = Update-DeaconHeartbeat $town -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'PauseFileInvalid,GasTown.Deacon.Commands.UpdateDeaconHeartbeatCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        "$($errs[0])" | Should -BeLike "*pause file '$(Get-PauseFilePath $town)' is invalid: paused must be true or false, but it is a number*Nobody can tell whether the Deacon is paused*"
        Get-HeartbeatText $town | Should -BeExactly $before

        (Update-DeaconHeartbeat $town -Force).Cycle | Should -Be 8
    }

    It 'beats with Update-DeaconHeartbeat -Force, the heartbeat showing the pause, which stays' {
        $null = Suspend-Deacon $town -Reason 'r'
        $hb = Update-DeaconHeartbeat $town -Action 'forced' -Force
        $hb.Cycle | Should -Be 1
        $hb.Paused | Should -BeTrue
        $hb.ShouldPoke | Should -BeFalse
        Test-Path (Get-PauseFilePath $town) | Should -BeTrue
    }

    It 'does not stop Write-DeaconHeartbeat, which writes what it is given as Go''s WriteHeartbeat does' {
        $null = Suspend-Deacon $town -Reason 'r'
        $hb = Write-DeaconHeartbeat $town -Cycle 5 -LastAction 'given'
        $hb.Cycle | Should -Be 5
        $hb.Paused | Should -BeTrue
        (Get-DeaconHeartbeat $town).LastAction | Should -Be 'given'
    }

    It 'with an unreadable pause file: Get and Test warn naming the file and treat the Deacon as not paused, as gt deacon status does' {
        Set-AgedHeartbeat $town ([timespan]::FromMinutes(30))
        Set-PauseText $town '{"paused": true, "paused_at": "yesterday"}'
        $hb = Get-DeaconHeartbeat $town -WarningVariable warnings -WarningAction SilentlyContinue
        $hb.Paused | Should -BeFalse
        $hb.ShouldPoke | Should -BeTrue
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike "The Deacon's pause file '$(Get-PauseFilePath $town)' is invalid: paused_at ""yesterday"" is not valid*. Treating the Deacon as not paused, as gt deacon status does."

        Test-DeaconShouldPoke $town -WarningVariable warnings -WarningAction SilentlyContinue | Should -BeTrue
        $warnings[0].Message | Should -BeLike "*pause file '$(Get-PauseFilePath $town)' is invalid*Treating the Deacon as not paused*"
    }

    It 'reads a pause file with a lone surrogate escape as Go does, and the rest of a fleet with it' {
        $fleet = Join-Path $TestDrive "fleet-$([guid]::NewGuid().ToString('N'))"
        $towns = 'a', 'b', 'c' | ForEach-Object { New-TestTown (Join-Path $fleet $_) }
        $towns | ForEach-Object { Set-AgedHeartbeat $_ ([timespan]::FromMinutes(30)) }
        Set-PauseText $towns[1] '{"paused": true, "reason": "a\ud800b", "paused_by": "\udc00z"}'

        $read = Get-DeaconHeartbeat (Join-Path $fleet '*') -ErrorVariable problems -WarningVariable warnings
        $read.Count | Should -Be 3
        $problems.Count | Should -Be 0
        $warnings.Count | Should -Be 0
        $read[1].Paused | Should -BeTrue
        $read[1].PauseReason | Should -Be "a$([char]0xFFFD)b"
        $read[1].PausedBy | Should -Be "$([char]0xFFFD)z"
        Test-DeaconShouldPoke (Join-Path $fleet '*') | Should -Be @($true, $false, $true)
    }

    It 'with a directory at the pause file: Get warns that it is a directory and Update refuses, as Go''s IsPaused fails' {
        Set-AgedHeartbeat $town ([timespan]::FromMinutes(30))
        $null = New-Item -ItemType Directory -Force -Path (Get-PauseFilePath $town)
        $hb = Get-DeaconHeartbeat $town -WarningVariable warnings -WarningAction SilentlyContinue
        $hb.Paused | Should -BeFalse
        $warnings[0].Message | Should -BeLike "Cannot read the Deacon's pause file '$(Get-PauseFilePath $town)': it is a directory, not a file. Treating the Deacon as not paused*"

        $before = Get-HeartbeatText $town
        Update-DeaconHeartbeat $town -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'HeartbeatIOError,*'
        Get-HeartbeatText $town | Should -Be $before
    }

    It 'counts as not paused when the pause file says so' {
        Set-AgedHeartbeat $town ([timespan]::FromMinutes(30))
        Set-PauseText $town '{"paused": false, "reason": "over"}'
        (Get-DeaconHeartbeat $town).Paused | Should -BeFalse
        Test-DeaconShouldPoke $town | Should -BeTrue
        (Update-DeaconHeartbeat $town).Cycle | Should -Be 8
    }

    It 'shows Paused in the Status column of the table, and the pause in the list' {
        Set-AgedHeartbeat $town ([timespan]::FromMinutes(30))
        $null = Suspend-Deacon $town -Reason 'maintenance' -PausedBy 'alice'
        $saved = $PSStyle.OutputRendering
        $PSStyle.OutputRendering = 'PlainText'
        try {
            $hb = Get-DeaconHeartbeat $town
            $hb | Format-Table | Out-String -Width 200 | Should -Match 'Paused\s+30m 0s\s+7\s'
            $list = $hb | Format-List | Out-String -Width 200
            $list | Should -Match '(?m)^Status\s*: VeryStale'
            $list | Should -Match '(?m)^Paused\s*: True'
            $list | Should -Match '(?m)^PausedBy\s*: alice'
            $list | Should -Match '(?m)^PausedAt\s*: \d{4}-\d\d-\d\dT'
            $list | Should -Match '(?m)^PauseReason\s*: maintenance'
            $list | Should -Match '(?m)^Thresholds\s*: Stale from 2m0s, VeryStale from 5m0s'
            $null = Resume-Deacon $town
            $unpaused = Get-DeaconHeartbeat $town | Format-List | Out-String -Width 200
            $unpaused | Should -Not -Match '(?m)^PausedBy'
            Get-DeaconHeartbeat $town | Format-Table | Out-String -Width 200 | Should -Match 'VeryStale\s+30m 0s\s+7\s'
        }
        finally { $PSStyle.OutputRendering = $saved }
    }

    It 'colours Paused in cyan where the host renders ANSI' {
        Set-AgedHeartbeat $town ([timespan]::Zero)
        $null = Suspend-Deacon $town -Reason 'r'
        $saved = $PSStyle.OutputRendering; $savedNoColor = $env:NO_COLOR
        $PSStyle.OutputRendering = 'Ansi'; $env:NO_COLOR = $null
        try { Get-DeaconHeartbeat $town | Format-Table | Out-String -Width 200 | Should -Match ([regex]::Escape("$([char]27)[36mPaused$([char]27)[0m")) }
        finally { $PSStyle.OutputRendering = $saved; $env:NO_COLOR = $savedNoColor }
    }
}

Describe 'The pause in the module''s help' {
    It 'is covered by about_GasTown.Deacon: the file, the cmdlets, the town settings' {
        $text = Get-Help about_GasTown.Deacon | Out-String
        foreach ($topic in 'THE PAUSE', '.runtime/deacon/paused.json', 'Suspend-Deacon', 'Resume-Deacon', 'DeaconPaused', 'PauseFileInvalid', 'TOWN SETTINGS', 'heartbeat_very_stale_threshold', "PSDefaultParameterValues['*-Deacon*:StaleThreshold']") {
            $text | Should -BeLike "*$([WildcardPattern]::Escape($topic))*"
        }
    }
}
