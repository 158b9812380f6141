# Watch-DeaconHeartbeat while NTP steps the wall clock, end to end: a pwsh whose CLOCK_REALTIME is shifted by an
# LD_PRELOAD shim (tests/ClockShift/clockshift.c, built here with gcc) while its monotonic clock runs on. The shift is
# changed by writing a number of seconds into a file the shim reads; nothing waits on a threshold.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    if (-not $IsLinux) { throw 'The clock shim is for Linux (LD_PRELOAD over clock_gettime).' }

    $shim = Join-Path $TestDrive 'clockshift.so'
    & gcc -shared -fPIC -O2 -Wall -Werror -o $shim (Join-Path $PSScriptRoot '../ClockShift/clockshift.c') -ldl
    if ($LASTEXITCODE -ne 0) { throw 'gcc could not build the clock shim.' }
    $shiftFile = Join-Path $TestDrive 'shift'

    # Starts Watch-DeaconHeartbeat on $Town in a pwsh whose wall clock the shift file moves; each heartbeat it
    # emits comes out as one line, its status.
    function Start-ShiftedWatch([string] $Town, [int] $Timeout) {
        $psi = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension($psi.FileName) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-Command',
            "Import-Module '$env:DEACON_MODULE'; Watch-DeaconHeartbeat '$Town' -Timeout $Timeout -WarningAction SilentlyContinue | ForEach-Object { [Console]::Out.WriteLine([string]`$_.Status); [Console]::Out.Flush() }") {
            $psi.ArgumentList.Add($a)
        }
        $psi.UseShellExecute = $false
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.Environment['LD_PRELOAD'] = $shim
        $psi.Environment['DEACON_CLOCK_SHIFT_FILE'] = $shiftFile
        [Diagnostics.Process]::Start($psi)
    }

    # The next status the watch emits; a generous guard against a hang, not a threshold.
    function Read-Status([Diagnostics.Process] $Watch) {
        $line = $Watch.StandardOutput.ReadLineAsync()
        if (-not $line.Wait([timespan]::FromSeconds(30))) { throw "The watch said nothing for 30 s: $($Watch.StandardError.ReadToEnd())" }
        $line.Result
    }
}

Describe 'Watch-DeaconHeartbeat with its wall clock stepped' {
    BeforeEach {
        Set-Content -LiteralPath $shiftFile -Value '0'
        $town = New-TestTown (Join-Path $TestDrive "town-$([guid]::NewGuid().ToString('N'))")
        Set-AgedHeartbeat $town ([timespan]::Zero)
    }

    It 'shows VeryStale after a step ahead and Future after a step back, and ends at -Timeout on the monotonic clock' {
        $watch = Start-ShiftedWatch $town -Timeout 8
        try {
            Read-Status $watch | Should -Be 'Fresh'

            # Ten minutes ahead: the heartbeat is now 10 minutes old, and the watch does not take the jump for its
            # timeout (it ended at once before).
            Set-Content -LiteralPath $shiftFile -Value '600'
            Read-Status $watch | Should -Be 'VeryStale'

            # Ten minutes back from the real time: the heartbeat is dated 10 minutes ahead.
            Set-Content -LiteralPath $shiftFile -Value '-600'
            Read-Status $watch | Should -Be 'Future'

            # 8 s after it started, by its monotonic clock, the watch ends, though its wall clock says it began
            # 10 minutes from now (it ran on for over 10 minutes before).
            $watch.WaitForExit(30000) | Should -BeTrue -Because 'the watch must end at -Timeout whatever the wall clock says'
            $watch.ExitCode | Should -Be 0 -Because $watch.StandardError.ReadToEnd()
            $watch.StandardOutput.ReadToEnd() | Should -BeNullOrEmpty
        }
        finally {
            if (-not $watch.HasExited) { $watch.Kill($true) }
            $watch.Dispose()
        }
    }
}
