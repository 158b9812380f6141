# A shared Gas Town host, with real accounts (tools/New-TestAccounts.sh): the towns belong to gtdeacon-town, as
# they would to the daemon's account; gtdeacon-ana and gtdeacon-ben share some of them through the gtdeacon-team
# group. The cmdlets run as those users in a pwsh of their own; the results come back as JSON and are looked at here,
# as root. Permission bits do not stop root, so these tests never run the cmdlets as root.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    if (-not $IsLinux) { throw 'The shared-host tests use Linux accounts.' }
    if ((& id -u) -ne '0') { throw 'The shared-host tests run the cmdlets as other accounts, which needs root (as CI has).' }
    foreach ($account in 'gtdeacon-town', 'gtdeacon-ana', 'gtdeacon-ben') {
        & id -u $account *> $null
        if ($LASTEXITCODE -ne 0) { throw "The account $account is missing: run tools/New-TestAccounts.sh as root (build.ps1 Test does when run as root)." }
    }

    # This pwsh and the built module, copied where every account may run them: they may lie under a home only root
    # can enter. Hard links where the file system allows, so the copy costs next to nothing.
    $shared = Join-Path $TestDrive 'for-accounts'
    $null = New-Item -ItemType Directory $shared
    & cp -al $PSHOME (Join-Path $shared 'pwsh') 2>$null
    if ($LASTEXITCODE -ne 0) { & cp -a $PSHOME (Join-Path $shared 'pwsh') }
    & cp -a $env:DEACON_MODULE (Join-Path $shared 'GasTown.Deacon')
    & chmod -R a+rX $shared
    $userPwsh = Join-Path $shared 'pwsh/pwsh.dll'
    $userModule = Join-Path $shared 'GasTown.Deacon'

    # Runs $Script as $User with the module imported; what it outputs comes back through JSON.
    function Invoke-AsAccount {
        param([Parameter(Mandatory)] [string] $User, [Parameter(Mandatory)] [string] $Script, [string] $Umask = '022')
        $command = "Import-Module '$userModule'; $Script"
        $out = & runuser -u $User -- sh -c "umask $Umask; exec `"`$0`" `"`$@`"" ([Environment]::ProcessPath) $userPwsh -NoProfile -NonInteractive -Command $command 2>&1
        if ($LASTEXITCODE -ne 0) { throw "pwsh as $User failed ($LASTEXITCODE): $out" }
        ($out | Out-String) | ConvertFrom-Json
    }

    # What a call made as another account gave: its output, and each error as a script reading it sees it.
    $collect = @'
function Invoke-Collected([scriptblock] $Call) {
    $global:Error.Clear()
    $out = [Collections.Generic.List[object]]::new(); $warnings = [Collections.Generic.List[string]]::new()
    foreach ($item in (& $Call 3>&1 2>$null)) {
        if ($item -is [Management.Automation.WarningRecord]) { $warnings.Add($item.Message) }
        elseif ($item -is [bool]) { $out.Add($item) }
        else { $out.Add([string]$item.TownRoot) }
    }
    $errors = @($global:Error | Where-Object { $_ -is [Management.Automation.ErrorRecord] }); [array]::Reverse($errors)
    [pscustomobject]@{
        Out = $out.ToArray(); Warnings = $warnings.ToArray()
        Errors = @($errors | ForEach-Object { [pscustomobject]@{
            Id = $_.FullyQualifiedErrorId.Split(',')[0]; Category = [string]$_.CategoryInfo.Category
            Target = [string]$_.TargetObject; Message = $_.Exception.Message; Shown = $_.ToString() } })
    }
}

'@

    function Get-PauseFilePath([string] $Town) { [IO.Path]::Combine($Town, '.runtime', 'deacon', 'paused.json') }

    function New-OwnedTown {
        param([string] $Name, [timespan] $Age = [timespan]::FromMinutes(30))
        $town = New-TestTown (Join-Path $fleet $Name)
        Set-AgedHeartbeat $town $Age
        $town
    }

    # The fleet: the daemon's towns, each shut to other accounts in its own way, and two open ones.
    $fleet = Join-Path $TestDrive 'srv'
    $alpha = New-OwnedTown 'alpha'      # paused, pause file 0600 (Go's mode)
    $bravo = New-OwnedTown 'bravo'      # town root 0700
    $charlie = New-OwnedTown 'charlie'  # .runtime/ 0700
    $delta = New-OwnedTown 'delta'      # very stale, open to all to read
    $echo = New-OwnedTown 'echo' ([timespan]::FromSeconds(5)) # fresh; settings/config.json 0600
    $null = New-Item -ItemType Directory -Force (Split-Path (Get-PauseFilePath $alpha))
    Set-Content -Path (Get-PauseFilePath $alpha) -Value '{"paused": true, "reason": "maintenance", "paused_by": "ops"}'
    $null = New-Item -ItemType Directory -Force (Join-Path $charlie '.runtime/deacon')
    $null = New-Item -ItemType Directory -Force (Join-Path $echo 'settings')
    Set-Content -Path (Join-Path $echo 'settings/config.json') -Value '{}'
    & chown -R gtdeacon-town:gtdeacon-town $fleet
    & chmod 0600 (Get-PauseFilePath $alpha) (Join-Path $echo 'settings/config.json')
    & chmod 0700 $bravo (Join-Path $charlie '.runtime')

    $denied = @{
        $alpha = "Cannot read the Deacon's pause file '$(Get-PauseFilePath $alpha)': permission denied"
        $bravo = "Cannot look into the town '$bravo': permission denied."
        $charlie = "Cannot read the Deacon's pause file '$(Get-PauseFilePath $charlie)': permission denied"
    }
}

Describe 'A fleet on a shared host, read by an account the towns shut out in different ways' {
    BeforeAll {
        $results = Invoke-AsAccount gtdeacon-ana ($collect + @"
[pscustomobject]@{
    Get = Invoke-Collected { Get-DeaconHeartbeat '$fleet/*' }
    Test = Invoke-Collected { Test-DeaconShouldPoke '$fleet/*' }
    Watch = Invoke-Collected { Watch-DeaconHeartbeat '$fleet/*' -Timeout 0.5 }
} | ConvertTo-Json -Depth 5
"@)
    }

    It '<Cmdlet> answers the open towns and gives each shut one a single PermissionDenied error saying so' -ForEach @(
        @{ Cmdlet = 'Get' }, @{ Cmdlet = 'Test' }, @{ Cmdlet = 'Watch' }
    ) {
        $result = $results.$Cmdlet
        if ($Cmdlet -eq 'Test') { $result.Out | Should -Be @($true, $false) } else { $result.Out | Should -Be @($delta, $echo) }
        $result.Errors.Count | Should -Be 3
        foreach ($town in $alpha, $bravo, $charlie) {
            $found = @($result.Errors | Where-Object { $_.Message -like "*'$town*" })
            $found.Count | Should -Be 1 -Because "$town gets one error"
            $found[0].Id | Should -Be 'HeartbeatIOError'
            $found[0].Category | Should -Be 'PermissionDenied'
            $found[0].Message | Should -BeLike "$($denied[$town])*"
            $found[0].Shown | Should -Be $found[0].Message
            $found[0].Message | Should -Not -BeLike '*not a town*'
            $found[0].Message | Should -Not -BeLike '*mayor*'
        }

        @($result.Errors | Where-Object Target -EQ $bravo).Count | Should -Be 1
        @($result.Errors | Where-Object Target -EQ (Get-PauseFilePath $alpha)).Count | Should -Be 1
    }

    It '<Cmdlet> warns of the unreadable settings file in plain words and judges that town by the defaults' -ForEach @(
        @{ Cmdlet = 'Get' }, @{ Cmdlet = 'Test' }, @{ Cmdlet = 'Watch' }
    ) {
        $warnings = @($results.$Cmdlet.Warnings)
        $warnings.Count | Should -Be 1
        $warnings[0] | Should -BeLike "Town settings '$echo/settings/config.json': it cannot be read: permission denied. This town is judged as if it had no settings*"
    }

    It 'never pokes a Deacon whose pause it cannot read: Test gives no answer for alpha and charlie' {
        # Without the pause check, alpha and charlie (30 minutes old) would each answer $true.
        $results.Test.Out.Count | Should -Be 2
    }
}

Describe 'Writers on a shared host' {
    It '<Cmdlet> refuses each town the account may not write with one PermissionDenied error, and goes on to the next' -ForEach @(
        @{ Cmdlet = 'Update-DeaconHeartbeat'; Arguments = ''; Refused = 4 }
        @{ Cmdlet = 'Write-DeaconHeartbeat'; Arguments = '-Cycle 99'; Refused = 4 }
        @{ Cmdlet = 'Suspend-Deacon'; Arguments = '-Reason nope'; Refused = 4 }
        # delta is not paused: resuming it is nothing to do, and no error.
        @{ Cmdlet = 'Resume-Deacon'; Arguments = ''; Refused = 3 }
    ) {
        $before = foreach ($town in $alpha, $bravo, $charlie, $delta) { [IO.File]::ReadAllText((Get-HeartbeatFilePath $town)) }
        $result = Invoke-AsAccount gtdeacon-ana ($collect + @"
Invoke-Collected { foreach (`$town in '$alpha', '$bravo', '$charlie', '$delta') { $Cmdlet -TownRoot `$town $Arguments } } | ConvertTo-Json -Depth 5
"@)
        $result.Out | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be $Refused
        foreach ($e in $result.Errors) {
            $e.Category | Should -Be 'PermissionDenied' -Because $e.Message
            $e.Message | Should -BeLike '*permission denied*'
            $e.Shown | Should -Be $e.Message
        }

        $result.Errors[1].Message | Should -Be $denied[$bravo]
        foreach ($town in $alpha, $bravo, $charlie, $delta) { [IO.File]::ReadAllText((Get-HeartbeatFilePath $town)) | Should -BeIn $before }
        Get-PauseFilePath $alpha | Should -Exist
    }
}

Describe 'A heartbeat a team shares through its group' {
    BeforeAll {
        $team = New-TestTown (Join-Path $TestDrive 'team')
        Set-AgedHeartbeat $team ([timespan]::FromMinutes(1)) -Cycle 41
        & chown -R gtdeacon-town:gtdeacon-team $team
        & chmod 0775 (Join-Path $team 'deacon')
        & chmod 0660 (Get-HeartbeatFilePath $team)
    }

    It 'stays the group''s, with its mode, after each member beats; nobody is shut out by the lock' {
        $ana = Invoke-AsAccount gtdeacon-ana "Update-DeaconHeartbeat '$team' -Action 'ana' | Select-Object Cycle, LastAction | ConvertTo-Json"
        $ana.Cycle | Should -Be 42
        (& stat -c '%a %U:%G' (Get-HeartbeatFilePath $team)) | Should -Be '660 gtdeacon-ana:gtdeacon-team'
        (& stat -c '%G' ((Get-HeartbeatFilePath $team) + '.lock')) | Should -Be 'gtdeacon-team'

        $ben = Invoke-AsAccount gtdeacon-ben "Update-DeaconHeartbeat '$team' -Action 'ben' | Select-Object Cycle, LastAction | ConvertTo-Json" -Umask '077'
        $ben.Cycle | Should -Be 43
        (& stat -c '%a %U:%G' (Get-HeartbeatFilePath $team)) | Should -Be '660 gtdeacon-ben:gtdeacon-team'

        $daemon = Invoke-AsAccount gtdeacon-town "Update-DeaconHeartbeat '$team' -Action 'daemon' | Select-Object Cycle | ConvertTo-Json"
        $daemon.Cycle | Should -Be 44
    }
}

Describe 'The cron line of docs/scheduled-tasks.md, run by an account that cannot read the pause' {
    It 'does not poke a Deacon that may be paused: the check exits 2 and says why' {
        $homeDirectory = Join-Path $TestDrive 'cron-home'
        $town = New-TestTown (Join-Path $homeDirectory 'gt')
        Set-AgedHeartbeat $town ([timespan]::FromMinutes(30))
        $null = New-Item -ItemType Directory -Force (Split-Path (Get-PauseFilePath $town))
        Set-Content (Get-PauseFilePath $town) '{"paused": true, "reason": "maintenance"}'
        & chown -R gtdeacon-town:gtdeacon-town $homeDirectory
        & chmod 0600 (Get-PauseFilePath $town)

        $check = (Get-Content (Join-Path $PSScriptRoot '../../docs/scheduled-tasks.md') | Where-Object { $_ -match '^\*/3 ' } | Select-Object -First 1) -replace '^(\S+\s+){5}NO_COLOR=1 pwsh ', ''
        $check = $check -replace ' \|\| \{.*$', ''
        $command = ([regex]::Match($check, "-Command '(.*)'$")).Groups[1].Value
        $out = & runuser -u gtdeacon-ana -- env HOME=$homeDirectory "PSModulePath=$shared" NO_COLOR=1 ([Environment]::ProcessPath) $userPwsh -NoProfile -NonInteractive -Command $command 2>&1
        $LASTEXITCODE | Should -Be 2
        "$out" | Should -BeLike "*Cannot read the Deacon's pause file '$(Get-PauseFilePath $town)': permission denied; whether the Deacon is paused cannot be told*"
    }
}
