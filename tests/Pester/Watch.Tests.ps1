BeforeAll {
    Import-Module $env:DEACON_MODULE -Force
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Watch-DeaconHeartbeat' {
    BeforeEach {
        $town = New-TestTown (Join-Path $TestDrive "town-$([guid]::NewGuid().ToString('N'))")
    }

    It 'emits the current heartbeat first, then each write, with no duplicates from event bursts' {
        $null = Update-DeaconHeartbeat $town -Action 'first'
        $writer = Start-ThreadJob -ArgumentList $env:DEACON_MODULE, $town {
            param($module, $town)
            Import-Module $module
            Start-Sleep -Milliseconds 700
            $null = Update-DeaconHeartbeat $town -Action 'second'
            Start-Sleep -Milliseconds 700
            # The same content again: a rewrite, events, but no change to report.
            Get-DeaconHeartbeat $town | Write-DeaconHeartbeat | Out-Null
            Start-Sleep -Milliseconds 700
            $null = Update-DeaconHeartbeat $town -Action 'third'
        }
        $seen = @(Watch-DeaconHeartbeat $town -Timeout 00:00:04 -StaleThreshold 00:10:00 -VeryStaleThreshold 00:20:00)
        $writer | Wait-Job | Remove-Job
        $seen | ForEach-Object { $_ | Should -BeOfType GasTown.Deacon.Heartbeat }
        $seen.LastAction | Should -Be @('first', 'second', 'third')
        $seen.Cycle | Should -Be @(1, 2, 3)
    }

    It 'emits a status change as time passes with no write at all' {
        $null = Update-DeaconHeartbeat $town
        $seen = @(Watch-DeaconHeartbeat $town -Timeout 00:00:03.5 -StaleThreshold 00:00:01 -VeryStaleThreshold 00:00:02)
        $seen.Status | Should -Be @('Fresh', 'Stale', 'VeryStale')
        $seen.Cycle | Should -Be @(1, 1, 1)
        (Get-Item (Get-HeartbeatFilePath $town)).LastWriteTimeUtc | Should -BeLessThan ([datetime]::UtcNow.AddSeconds(-3))
    }

    It 'warns about clock skew when it emits a heartbeat from the future' {
        Set-AgedHeartbeat $town ([timespan]::FromMinutes(-30))
        $seen = @(Watch-DeaconHeartbeat $town -Timeout 0.2 -WarningVariable warnings -WarningAction SilentlyContinue)
        $seen.Status | Should -Be @('Future')
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike '*ahead of this machine''s clock*A clock is skewed; its Status is Future and ShouldPoke is true.'
    }

    It 'reports a deleted and an invalid file, and goes on watching' {
        $null = Update-DeaconHeartbeat $town
        $writer = Start-ThreadJob -ArgumentList $env:DEACON_MODULE, $town {
            param($module, $town)
            Import-Module $module
            $file = [IO.Path]::Combine($town, 'deacon', 'heartbeat.json')
            Start-Sleep -Milliseconds 600
            Remove-Item $file
            Start-Sleep -Milliseconds 600
            [IO.File]::WriteAllText($file, '{"cycle": "x"}')
            Start-Sleep -Milliseconds 600
            $null = Update-DeaconHeartbeat $town -Action 'back'
        }
        $out = @(Watch-DeaconHeartbeat $town -Timeout 00:00:03.5 -StaleThreshold 00:10:00 -VeryStaleThreshold 00:20:00 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $writer | Wait-Job | Remove-Job
        $errs.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be @('HeartbeatNotFound', 'HeartbeatInvalid')
        $out.Cycle | Should -Be @(1, 1)
        $out[-1].LastAction | Should -Be 'back'
    }

    It 'watches towns piped in together, including one whose deacon folder appears later' {
        $late = New-TestTown (Join-Path $TestDrive "late-$([guid]::NewGuid().ToString('N'))")
        $null = Update-DeaconHeartbeat $town
        $writer = Start-ThreadJob -ArgumentList $env:DEACON_MODULE, $late {
            param($module, $late)
            Import-Module $module
            Start-Sleep -Milliseconds 600
            $null = Update-DeaconHeartbeat $late -Action 'late'
        }
        $out = @($town, $late | Watch-DeaconHeartbeat -Timeout 00:00:03 -StaleThreshold 00:10:00 -VeryStaleThreshold 00:20:00 -ErrorAction SilentlyContinue)
        $writer | Wait-Job | Remove-Job
        $out.TownRoot | Should -Be @($town, $late)
        $out[1].LastAction | Should -Be 'late'
    }

    It 'stops promptly on Ctrl+C (a pipeline stop) while it waits for a change' {
        $null = Update-DeaconHeartbeat $town
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:DEACON_MODULE'; Watch-DeaconHeartbeat -TownRoot '$town'")
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
            $waited = [Diagnostics.Stopwatch]::StartNew()
            while ($output.Count -lt 1 -and $waited.Elapsed.TotalSeconds -lt 30) { Start-Sleep -Milliseconds 20 }
            $output.Count | Should -Be 1
            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $async.IsCompleted | Should -BeTrue
        }
        finally { $ps.Dispose() }
    }

    It 'stops promptly when the pipeline stops' {
        $null = Update-DeaconHeartbeat $town
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $first = Watch-DeaconHeartbeat $town -StaleThreshold 00:10:00 -VeryStaleThreshold 00:20:00 | Select-Object -First 1
        $sw.Stop()
        $first.Cycle | Should -Be 1
        $sw.Elapsed | Should -BeLessThan ([timespan]::FromSeconds(20))
    }
}
