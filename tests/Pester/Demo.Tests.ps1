BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $demo = Join-Path $PSScriptRoot '../../tools/Demo.ps1'

    # What the demo shows, as lines: it writes to the host, which is the information stream here.
    function Invoke-Demo([hashtable] $Arguments) {
        Push-Location $TestDrive
        try { $lines = & $demo -ModulePath $env:DEACON_MODULE @Arguments 6>&1 | ForEach-Object { "$_" } }
        finally { Pop-Location }
        @($lines -join "`n" -split "`n")
    }

    function Get-BlankRun([string[]] $Lines) {
        for ($i = 1; $i -lt $Lines.Count; $i++) {
            if (-not $Lines[$i].Trim() -and -not $Lines[$i - 1].Trim()) { "two blank lines at line $i" }
        }
    }
}

Describe 'The demo (./build.ps1 Demo)' {
    It 'shows every step on a scratch town, with no run of blank lines, and removes the town' {
        $lines = Invoke-Demo @{}
        Get-BlankRun $lines | Should -BeNullOrEmpty
        $lines[-1].Trim() | Should -Not -BeNullOrEmpty
        ($lines | Where-Object { $_ -like '== *' }).Count | Should -Be 7
        ($lines | Where-Object { $_ -like 'PS> *' }).Count | Should -Be 10
        ($lines | Where-Object { $_ -match '^Town\s+Status' }).Count | Should -Be 5
        $town = ($lines | Where-Object { $_ -like '== A scratch town: *' }) -replace '^== A scratch town: ', ''
        Test-Path -LiteralPath $town | Should -BeFalse
    }

    It 'shows a real town read-only, with no run of blank lines' {
        $town = New-TestTown (Join-Path $TestDrive 'real')
        Set-AgedHeartbeat -Town $town -Age ([timespan]::FromMinutes(3))
        $before = Get-HeartbeatText $town
        $lines = Invoke-Demo @{ TownRoot = $town }
        Get-BlankRun ($lines | Select-Object -Skip 1) | Should -BeNullOrEmpty
        $lines | Should -Contain "VERBOSE: Thresholds: Stale from 2m0s (default), VeryStale from 5m0s (default), unless a town's settings/config.json says otherwise."
        $lines[-1] | Should -Be 'False'
        Get-HeartbeatText $town | Should -BeExactly $before
    }
}
