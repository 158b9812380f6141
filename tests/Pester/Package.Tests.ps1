BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'The gallery package' {
    It 'is built' {
        $env:DEACON_PACKAGE | Should -Not -BeNullOrEmpty
        $env:DEACON_PACKAGE | Should -Exist
        Split-Path -Leaf $env:DEACON_PACKAGE | Should -Match '^GasTown\.Deacon\.\d+\.\d+\.\d+\.nupkg$'
    }

    It 'installs by name from a PSResource repository and imports by name in a clean process' {
        $repo = New-Item -ItemType Directory (Join-Path $TestDrive 'repo')
        Copy-Item $env:DEACON_PACKAGE $repo
        $fakeHome = New-Item -ItemType Directory (Join-Path $TestDrive 'home')
        $install = Join-Path $TestDrive 'install.ps1'
        Set-Content $install @'
param($Repo)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name DeaconTest -Uri $Repo -Trusted
Install-PSResource -Name GasTown.Deacon -Repository DeaconTest -Scope CurrentUser -TrustRepository -Quiet
'@
        $use = Join-Path $TestDrive 'use.ps1'
        Set-Content $use @'
$ErrorActionPreference = 'Stop'
Import-Module GasTown.Deacon
$m = Get-Module GasTown.Deacon
"base=$($m.ModuleBase)"
"version=$($m.Version)"
"commands=$((Get-Command -Module GasTown.Deacon).Name -join ',')"
"help=$((Get-Help Get-DeaconHeartbeat).Synopsis)"
$null = Get-DeaconHeartbeat -TownRoot $HOME -ErrorAction SilentlyContinue
"loaded=$(([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { -not $_.IsDynamic -and $_.Location.StartsWith($m.ModuleBase) } | ForEach-Object { [IO.Path]::GetRelativePath($m.ModuleBase, $_.Location).Replace('\', '/') } | Sort-Object) -join ',')"
'@
        $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME; PSModulePath = $env:PSModulePath }
        try {
            # A home of its own, so installing touches nothing of this machine's.
            $env:HOME = $fakeHome.FullName
            $env:XDG_DATA_HOME = $null
            $env:XDG_CONFIG_HOME = $null
            $env:PSModulePath = $null
            Invoke-Pwsh -NoProfile -NonInteractive -File $install -Repo $repo.FullName
            $LASTEXITCODE | Should -Be 0
            $lines = Invoke-Pwsh -NoProfile -NonInteractive -File $use
            $LASTEXITCODE | Should -Be 0
        }
        finally {
            foreach ($k in $saved.Keys) { Set-Item "env:$k" -Value $saved[$k] }
        }
        $manifest = Import-PowerShellDataFile (Join-Path $env:DEACON_MODULE 'GasTown.Deacon.psd1')
        ($lines -match '^base=')[0] | Should -BeLike "base=$($fakeHome.FullName)*"
        $lines | Should -Contain "version=$($manifest.ModuleVersion)"
        $lines | Should -Contain "commands=$(($manifest.CmdletsToExport | Sort-Object) -join ',')"
        $lines | Should -Contain 'help=Reads the Deacon heartbeat of one or more Gas Towns.'
        # On pwsh, the net8.0 build and nothing else from the module's folder.
        $lines | Should -Contain 'loaded=bin/net8.0/GasTown.Deacon.Core.dll,bin/net8.0/GasTown.Deacon.dll'
    }
}
