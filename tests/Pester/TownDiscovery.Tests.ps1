BeforeAll {
    Import-Module $env:DEACON_MODULE -Force
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Finding the town when -TownRoot is omitted' {
    BeforeEach {
        $savedEnv = @{ GT_TOWN_ROOT = $env:GT_TOWN_ROOT; GT_ROOT = $env:GT_ROOT }
        $env:GT_TOWN_ROOT = $null
        $env:GT_ROOT = $null
        $base = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $base
        Push-Location $base
    }
    AfterEach {
        Pop-Location
        $env:GT_TOWN_ROOT = $savedEnv.GT_TOWN_ROOT
        $env:GT_ROOT = $savedEnv.GT_ROOT
    }

    It 'finds the town holding the current location from a subfolder' {
        $town = New-TestTown (Join-Path $base 'gt')
        Set-AgedHeartbeat $town ([timespan]::Zero) -Cycle 12
        Set-Location (New-Item -ItemType Directory (Join-Path $town 'rig/crew/joe'))
        $hb = Get-DeaconHeartbeat
        $hb.TownRoot | Should -Be $town
        $hb.Cycle | Should -Be 12
        Test-DeaconShouldPoke | Should -BeFalse
    }

    It 'takes the outermost town when towns nest' {
        $outer = New-TestTown (Join-Path $base 'outer')
        $inner = New-TestTown (Join-Path $outer 'rig/inner')
        Set-Location $inner
        (Update-DeaconHeartbeat).TownRoot | Should -Be $outer
        Test-Path (Get-HeartbeatFilePath $outer) | Should -BeTrue
        Test-Path (Get-HeartbeatFilePath $inner) | Should -BeFalse
    }

    It 'prefers a mayor/town.json over an outer bare mayor folder' {
        $outer = New-TestTown (Join-Path $base 'outer') -NoTownJson
        $inner = New-TestTown (Join-Path $outer 'inner')
        Set-Location $inner
        (Update-DeaconHeartbeat).TownRoot | Should -Be $inner
    }

    It 'falls back to GT_TOWN_ROOT outside any town, resolved against the PowerShell location' {
        $town = New-TestTown (Join-Path $base 'envtown')
        Set-AgedHeartbeat $town ([timespan]::Zero) -Cycle 3
        $env:GT_TOWN_ROOT = './envtown'
        (Get-DeaconHeartbeat).TownRoot | Should -Be $town
    }

    It 'skips a GT_TOWN_ROOT that is not a town for GT_ROOT' {
        $null = New-Item -ItemType Directory (Join-Path $base 'plain')
        $town = New-TestTown (Join-Path $base 'rootvar')
        $env:GT_TOWN_ROOT = Join-Path $base 'plain'
        $env:GT_ROOT = $town
        (Update-DeaconHeartbeat).TownRoot | Should -Be $town
    }

    It 'stops <Name> with NotInTown, saying how to fix it, when there is no town' -ForEach @(
        @{ Name = 'Get-DeaconHeartbeat'; Command = { Get-DeaconHeartbeat } }
        @{ Name = 'Update-DeaconHeartbeat'; Command = { Update-DeaconHeartbeat } }
        @{ Name = 'Write-DeaconHeartbeat'; Command = { Write-DeaconHeartbeat -Cycle 1 } }
        @{ Name = 'Test-DeaconShouldPoke'; Command = { Test-DeaconShouldPoke } }
    ) {
        $env:GT_TOWN_ROOT = Join-Path $base 'not-there'
        $err = $Command | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'NotInTown,GasTown.Deacon.Commands.*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.Exception.Message | Should -BeLike '*Pass -TownRoot*GT_TOWN_ROOT*'
        Get-ChildItem $base -Recurse | Should -BeNullOrEmpty
    }
}
