BeforeAll {
    Import-Module $env:DEACON_MODULE -Force
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $fleet = Join-Path $TestDrive 'fleet'
    $alpha = New-TestTown (Join-Path $fleet 'alpha'); Set-AgedHeartbeat $alpha ([timespan]::Zero) -Cycle 1
    $bravo = New-TestTown (Join-Path $fleet 'bravo'); Set-AgedHeartbeat $bravo ([timespan]::Zero) -Cycle 2
    # A name that reads as a wildcard pattern: [1] is a character class.
    $bracket = Join-Path $fleet 'charlie[1]'
    $null = [IO.Directory]::CreateDirectory((Join-Path $bracket 'mayor'))
    $null = [IO.Directory]::CreateDirectory((Join-Path $bracket 'deacon'))
    [IO.File]::WriteAllText((Join-Path $bracket 'deacon/heartbeat.json'), "{`"timestamp`": `"$([DateTimeOffset]::UtcNow.ToString('o'))`", `"cycle`": 3}")
    Set-Content (Join-Path $fleet 'notes.txt') 'not a town'
}

Describe '-TownRoot with wildcards' {
    It 'reads every directory a pattern matches as a town, in order, skipping files' {
        (Get-DeaconHeartbeat -TownRoot (Join-Path $fleet '*')).Cycle | Should -Be @(1, 2, 3)
    }

    It 'expands a relative pattern against the PowerShell location' {
        Push-Location $fleet
        try { (Get-DeaconHeartbeat './b*').TownRoot | Should -Be $bravo }
        finally { Pop-Location }
    }

    It 'names a pattern that matches no directory in a TownRootNotFound error, and reads the other towns' {
        $pattern = Join-Path $fleet 'zulu*'
        $got = Get-DeaconHeartbeat -TownRoot $pattern, $alpha -ErrorVariable errs -ErrorAction SilentlyContinue
        $got.Cycle | Should -Be 1
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'TownRootNotFound,GasTown.Deacon.Commands.GetDeaconHeartbeatCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be $pattern
        $errs[0].Exception.Message | Should -Be "The town root '$pattern' matches no directory."
    }

    It 'points to -LiteralTownRoot when a pattern that matches nothing holds [ or ]' {
        $pattern = Join-Path $fleet 'zulu[2]'
        $null = Get-DeaconHeartbeat -TownRoot $pattern -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].Exception.Message | Should -Be "The town root '$pattern' matches no directory. For a name holding [ or ], use -LiteralTownRoot."
    }

    It 'says so when a pattern matches only files' {
        $null = Get-DeaconHeartbeat -TownRoot (Join-Path $fleet '*.txt') -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TownRootNotFound,*'
        $errs[0].Exception.Message | Should -BeLike '*matches no directory, only files*'
    }

    It 'answers Test-DeaconShouldPoke once per match' {
        Test-DeaconShouldPoke -TownRoot (Join-Path $fleet '[ab]*') | Should -Be @($false, $false)
    }

    It 'updates every match with Update-DeaconHeartbeat' {
        $pair = Join-Path $TestDrive 'pair'
        $one = New-TestTown (Join-Path $pair 'one'); $two = New-TestTown (Join-Path $pair 'two')
        (Update-DeaconHeartbeat -TownRoot (Join-Path $pair 't*')).TownRoot | Should -Be @($two)
        (Update-DeaconHeartbeat -TownRoot (Join-Path $pair '*')).TownRoot | Should -Be @($one, $two)
        (Get-DeaconHeartbeat -TownRoot $one, $two).Cycle | Should -Be @(1, 2)
    }

    It 'writes to every match with Write-DeaconHeartbeat' {
        $pair = Join-Path $TestDrive 'write-pair'
        $one = New-TestTown (Join-Path $pair 'one'); $two = New-TestTown (Join-Path $pair 'two')
        $null = Write-DeaconHeartbeat -TownRoot (Join-Path $pair '*') -Cycle 77
        (Get-DeaconHeartbeat -TownRoot $one, $two).Cycle | Should -Be @(77, 77)
    }

    It 'watches every match with Watch-DeaconHeartbeat' {
        (Watch-DeaconHeartbeat -TownRoot (Join-Path $fleet '[ab]*') -Timeout 0.2).Cycle | Should -Be @(1, 2)
    }

    It 'reads a name holding [ ] as written when the pattern matches nothing else' {
        (Get-DeaconHeartbeat -TownRoot $bracket).Cycle | Should -Be 3
    }

    It 'reads a name whose [ ] are escaped with backticks' {
        (Get-DeaconHeartbeat -TownRoot ([WildcardPattern]::Escape($bracket))).Cycle | Should -Be 3
    }

    It 'declares that it takes wildcards' {
        foreach ($cmdlet in 'Get-DeaconHeartbeat', 'Test-DeaconShouldPoke', 'Update-DeaconHeartbeat', 'Watch-DeaconHeartbeat', 'Write-DeaconHeartbeat') {
            (Get-Command $cmdlet).Parameters['TownRoot'].Attributes.TypeId.Name | Should -Contain 'SupportsWildcardsAttribute' -Because $cmdlet
        }
    }
}

Describe '-LiteralTownRoot' {
    It 'reads a name holding [ ] exactly as written, as -<Name>' -ForEach @(
        @{ Name = 'LiteralTownRoot' }, @{ Name = 'LiteralPath' }, @{ Name = 'PSPath' }, @{ Name = 'LP' }
    ) {
        $splat = @{ $Name = $bracket }
        (Get-DeaconHeartbeat @splat).Cycle | Should -Be 3
        Test-DeaconShouldPoke @splat | Should -BeFalse
    }

    It 'reads * as a character, not a wildcard' {
        $null = Get-DeaconHeartbeat -LiteralTownRoot (Join-Path $fleet '*') -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TownRootNotFound,*'
        $errs[0].TargetObject | Should -Be (Join-Path $fleet '*')
    }

    It 'is bound from PSPath when Get-ChildItem and Get-Item output is piped, whatever the names hold' {
        (Get-ChildItem -Directory $fleet | Get-DeaconHeartbeat).Cycle | Should -Be @(1, 2, 3)
        (Get-Item -LiteralPath $bracket | Test-DeaconShouldPoke) | Should -BeFalse
    }

    It 'writes and updates a name holding [ ]' {
        $odd = Join-Path $TestDrive 'odd[x]'
        $null = [IO.Directory]::CreateDirectory((Join-Path $odd 'mayor'))
        $null = Write-DeaconHeartbeat -LiteralTownRoot $odd -Cycle 40
        (Update-DeaconHeartbeat -LiteralTownRoot $odd).Cycle | Should -Be 41
        [IO.File]::ReadAllText((Join-Path $odd 'deacon/heartbeat.json')) | Should -Match '"cycle": 41'
    }

    It 'cannot be given with -TownRoot' {
        { Get-DeaconHeartbeat -TownRoot $alpha -LiteralTownRoot $alpha } | Should -Throw -ErrorId 'AmbiguousParameterSet,GasTown.Deacon.Commands.GetDeaconHeartbeatCommand'
    }
}

Describe 'A town given by a heartbeat''s TownRoot' {
    It 'is read by the next cmdlet in the pipeline' {
        Get-DeaconHeartbeat $alpha | Test-DeaconShouldPoke | Should -BeFalse
    }
}

Describe 'A directory given as a town that is not one' {
    It 'gets, from Get-DeaconHeartbeat, a HeartbeatNotFound error that names the town it lies in' {
        $null = Get-DeaconHeartbeat (Join-Path $alpha 'deacon') -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'HeartbeatNotFound,GasTown.Deacon.Commands.GetDeaconHeartbeatCommand'
        $errs[0].ToString() | Should -BeLike "*'$(Join-Path $alpha 'deacon')' is not a town root: it lies inside the town '$alpha'. Did you mean -TownRoot '$alpha'?"
    }

    It 'gets, from Get-DeaconHeartbeat, an error saying it is no town when no town holds it' {
        $plain = New-Item -ItemType Directory (Join-Path $TestDrive 'plain-folder')
        $null = Get-DeaconHeartbeat $plain.FullName -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].ToString() | Should -BeLike "*'$($plain.FullName)' is not a town root: it has no mayor/ folder."
    }

    It 'gets no hint when it is a town that has no heartbeat yet' {
        $empty = New-TestTown (Join-Path $TestDrive 'empty-town')
        $null = Get-DeaconHeartbeat $empty -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].ErrorDetails | Should -BeNullOrEmpty
        $errs[0].ToString() | Should -BeLike '*the Deacon has not written one in this town.'
    }

    It 'gets, from Test-DeaconShouldPoke, an error naming the town it lies in, and no answer: the check failed' {
        $answer = Test-DeaconShouldPoke (Join-Path $alpha 'deacon'), $alpha -ErrorVariable errs -ErrorAction SilentlyContinue
        $answer | Should -Be @($false)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'HeartbeatNotFound,GasTown.Deacon.Commands.TestDeaconShouldPokeCommand'
        $errs[0].ToString() | Should -BeLike "*Did you mean -TownRoot '$alpha'?"
    }

    It 'gets, from Test-DeaconShouldPoke, an error for a folder a pattern matched that is no town' {
        $fleet2 = Join-Path $TestDrive 'fleet-with-a-stray-folder'
        $town = New-TestTown (Join-Path $fleet2 'town'); Set-AgedHeartbeat $town ([timespan]::Zero)
        $null = New-Item -ItemType Directory (Join-Path $fleet2 'stray')
        Test-DeaconShouldPoke (Join-Path $fleet2 '*') -ErrorVariable errs -ErrorAction SilentlyContinue | Should -Be @($false)
        $errs[0].ToString() | Should -BeLike "*'$(Join-Path $fleet2 'stray')' is not a town root: it has no mayor/ folder."
    }

    It 'gets, from Update-DeaconHeartbeat, the error NotATownRoot naming the town it lies in, and nothing is written' {
        $nested = Join-Path $bravo 'rig'
        $null = New-Item -ItemType Directory $nested
        Update-DeaconHeartbeat $nested -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Be 'NotATownRoot,GasTown.Deacon.Commands.UpdateDeaconHeartbeatCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].TargetObject | Should -Be $nested
        $errs[0].ToString() | Should -Be "'$nested' is not a town root: it lies inside the town '$bravo'. Did you mean -TownRoot '$bravo'? Nothing was written."
        Test-Path (Join-Path $nested 'deacon') | Should -BeFalse
    }

    It 'gets, from every writer, the error NotATownRoot for folders a pattern matched that are no towns, writing only to the towns' {
        $fleet3 = Join-Path $TestDrive 'fleet-with-stray-folders'
        $town = New-TestTown (Join-Path $fleet3 'town')
        $null = New-Item -ItemType Directory (Join-Path $fleet3 'x'), (Join-Path $fleet3 'y')
        (Update-DeaconHeartbeat (Join-Path $fleet3 '*') -ErrorVariable errs -ErrorAction SilentlyContinue).TownRoot | Should -Be $town
        $errs.Count | Should -Be 2
        $errs[0].ToString() | Should -Be "'$(Join-Path $fleet3 'x')' is not a town root: it has no mayor/ folder. Nothing was written."
        $null = Write-DeaconHeartbeat (Join-Path $fleet3 'x') -Cycle 3 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'NotATownRoot,*'
        $null = Suspend-Deacon (Join-Path $fleet3 '*') -Reason 'r' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 2
        @(Get-ChildItem -Recurse -File (Join-Path $fleet3 'x'), (Join-Path $fleet3 'y')).Count | Should -Be 0
    }

    It 'gets, from Watch-DeaconHeartbeat, an error that names the town it lies in' {
        $null = Watch-DeaconHeartbeat (Join-Path $alpha 'deacon') -Timeout 0.2 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'HeartbeatNotFound,*'
        $errs[0].ToString() | Should -BeLike "*Did you mean -TownRoot '$alpha'?"
    }
}
