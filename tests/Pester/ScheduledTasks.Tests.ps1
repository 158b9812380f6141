# The cron and Task Scheduler lines of docs/scheduled-tasks.md, run as written there: pasted into sh, or given to pwsh as arguments.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $doc = Get-Content (Join-Path $PSScriptRoot '../../docs/scheduled-tasks.md')
    $cronLine = @($doc | Where-Object { $_ -match '^\*/3 ' })
    $taskLine = @($doc | Where-Object { $_ -match '^-NoProfile .*C:\\gt' })

    # `pwsh` on PATH is this pwsh, the module importable by name, ~ a home of the test's own; the poke leaves a mark.
    $bin = New-Item -ItemType Directory (Join-Path $TestDrive 'bin')
    $pwsh = Join-Path $bin 'pwsh'
    $process = [Environment]::ProcessPath
    $target = if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { "'$process' '$(Join-Path $PSHOME 'pwsh.dll')'" } else { "'$process'" }
    [IO.File]::WriteAllText($pwsh, "#!/bin/sh`nexec $target `"`$@`"`n")
    & chmod +x $pwsh
    $marker = Join-Path $TestDrive 'poked'
    $modules = "$(Split-Path $env:DEACON_MODULE)$([IO.Path]::PathSeparator)$env:PSModulePath"

    function Invoke-Native {
        param([string] $FilePath, [string[]] $ArgumentList, [string] $HomeDirectory, [string] $ModulePath = $modules)
        $psi = [Diagnostics.ProcessStartInfo]::new($FilePath)
        foreach ($a in $ArgumentList) { $psi.ArgumentList.Add($a) }
        $psi.UseShellExecute = $false
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.Environment['HOME'] = $HomeDirectory
        $psi.Environment['PATH'] = "$bin$([IO.Path]::PathSeparator)$env:PATH"
        $psi.Environment['PSModulePath'] = $ModulePath
        $p = [Diagnostics.Process]::Start($psi)
        $stdout = $p.StandardOutput.ReadToEndAsync()
        $stderr = $p.StandardError.ReadToEndAsync()
        $p.WaitForExit()
        [pscustomobject]@{ ExitCode = $p.ExitCode; Out = $stdout.Result; Err = $stderr.Result }
    }

    # A home whose ~/gt is a town with a heartbeat of the given age, or (with -NoTown) none at all.
    function New-Home {
        param([timespan] $Age, [switch] $NoTown)
        $homeDirectory = Join-Path $TestDrive "home-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory $homeDirectory
        if (-not $NoTown) { Set-AgedHeartbeat (New-TestTown (Join-Path $homeDirectory 'gt')) $Age }
        $homeDirectory
    }
}

Describe 'The cron line of docs/scheduled-tasks.md' {
    BeforeAll {
        $line = ($cronLine[0] -replace '^(\S+\s+){5}', '').Replace('/usr/local/bin/poke-deacon', "touch '$marker'")
        $check = $line.Substring(0, $line.IndexOf(' || '))
    }
    BeforeEach { Remove-Item $marker -ErrorAction Ignore }

    It 'is one line of the doc, ending in the poke command it replaces here' {
        $cronLine.Count | Should -Be 1
        $cronLine[0] | Should -BeLike '*|| { `[ $? -eq 1 `] && /usr/local/bin/poke-deacon; }'
    }

    It 'exits 0 as a whole and pokes nothing when the Deacon is healthy' {
        $run = Invoke-Native sh '-c', $line -HomeDirectory (New-Home -Age ([timespan]::FromSeconds(10)))
        $run.ExitCode | Should -Be 0 -Because $run.Err
        $run.Err | Should -BeNullOrEmpty
        $marker | Should -Not -Exist
    }

    It 'pokes when the heartbeat is very stale, and exits with the poke''s own status' {
        $run = Invoke-Native sh '-c', $line -HomeDirectory (New-Home -Age ([timespan]::FromMinutes(10)))
        $run.ExitCode | Should -Be 0 -Because $run.Err
        $marker | Should -Exist
    }

    It 'mails plain text: a warning about an invalid heartbeat carries no terminal colour codes' {
        $homeDirectory = New-Home -Age ([timespan]::FromSeconds(10))
        Set-HeartbeatText (Join-Path $homeDirectory 'gt') 'garbage'
        $run = Invoke-Native sh '-c', $line -HomeDirectory $homeDirectory
        $run.Out | Should -BeLike '*WARNING:*invalid*'
        "$($run.Out)$($run.Err)" | Should -Not -Match ([regex]::Escape([string][char]27))
        $marker | Should -Exist
    }

    It 'does not poke when the check fails, exits non-zero and says why on stderr' {
        $run = Invoke-Native sh '-c', $line -HomeDirectory (New-Home -NoTown)
        $run.ExitCode | Should -Not -Be 0
        $run.Err | Should -BeLike "*town root '*gt' does not exist*"
        $marker | Should -Not -Exist
    }

    # 0 and 1 show above in what the whole line does; 2 must not be taken for a poke.
    It 'runs a check that exits 2 when <Case>, saying why' -ForEach @(
        @{ Case = 'the town does not exist'; Age = -1; Reason = '*does not exist*' }
        @{ Case = 'the module cannot be found'; Age = 10; Reason = '*GasTown.Deacon*not loaded*' }
    ) {
        $homeDirectory = if ($Age -lt 0) { New-Home -NoTown } else { New-Home -Age ([timespan]::FromSeconds($Age)) }
        $modulePath = if ($Case -like '*module*') { Join-Path $TestDrive 'no-modules' } else { $modules }
        $run = Invoke-Native sh '-c', $check -HomeDirectory $homeDirectory -ModulePath $modulePath
        $run.ExitCode | Should -Be 2 -Because $run.Err
        $run.Err | Should -BeLike $Reason
    }
}

Describe 'The Task Scheduler arguments of docs/scheduled-tasks.md' {
    BeforeAll {
        # Split as Windows splits a command line without escaped quotes: quoted runs are one argument.
        function Split-CommandLine([string] $Text) {
            [regex]::Matches($Text, '"([^"]*)"|(\S+)') | ForEach-Object { if ($_.Groups[1].Success) { $_.Groups[1].Value } else { $_.Groups[2].Value } }
        }
    }

    It 'is one line of the doc' {
        $taskLine.Count | Should -Be 1
    }

    It 'exits <Expected> when <Case>' -ForEach @(
        @{ Case = 'the Deacon is healthy'; Age = 10; Expected = 0; Reason = $null }
        @{ Case = 'the Deacon should be poked'; Age = 600; Expected = 1; Reason = $null }
        @{ Case = 'the town is missing, saying why on stderr'; Age = -1; Expected = 2; Reason = '*does not exist*' }
    ) {
        $homeDirectory = if ($Age -lt 0) { New-Home -NoTown } else { New-Home -Age ([timespan]::FromSeconds($Age)) }
        $arguments = @(Split-CommandLine ($taskLine[0].Replace('C:\gt', (Join-Path $homeDirectory 'gt'))))
        $arguments.Count | Should -Be 4
        $run = Invoke-Native $pwsh $arguments -HomeDirectory $homeDirectory
        $run.ExitCode | Should -Be $Expected -Because $run.Err
        if ($Reason) { $run.Err | Should -BeLike $Reason } else { $run.Err | Should -BeNullOrEmpty }
    }
}
