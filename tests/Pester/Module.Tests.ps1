BeforeAll {
    $module = Import-Module $env:DEACON_MODULE -Force -PassThru
}

Describe 'The GasTown.Deacon module' {
    It 'exports exactly its seven cmdlets' {
        ($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @('Get-DeaconHeartbeat', 'Resume-Deacon', 'Suspend-Deacon', 'Test-DeaconShouldPoke', 'Update-DeaconHeartbeat', 'Watch-DeaconHeartbeat', 'Write-DeaconHeartbeat')
        $module.ExportedFunctions.Count | Should -Be 0
    }

    It 'lists its cmdlets explicitly, for both editions, from PowerShell 5.1' {
        $manifest = Import-PowerShellDataFile (Join-Path $env:DEACON_MODULE 'GasTown.Deacon.psd1')
        $manifest.CmdletsToExport | Should -Not -Contain '*'
        $manifest.CmdletsToExport.Count | Should -Be 7
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.FormatsToProcess | Should -Be @('GasTown.Deacon.format.ps1xml')
        # The psm1 picks the build for the edition; nothing the manifest loads may name a build.
        $manifest.RootModule | Should -Be 'GasTown.Deacon.psm1'
        $manifest.Keys | Should -Not -Contain 'RequiredAssemblies'
        $manifest.TypesToProcess | Should -Be @('GasTown.Deacon.types.ps1xml')
        (Get-TypeData GasTown.Deacon.HeartbeatStatus).SerializationMethod | Should -Be 'String'
    }

    It 'is removed with its type data and imports again in the same session' {
        Remove-Module GasTown.Deacon
        Get-Command Get-DeaconHeartbeat -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-TypeData GasTown.Deacon.HeartbeatStatus | Should -BeNullOrEmpty
        $again = Import-Module $env:DEACON_MODULE -PassThru
        $again.ExportedCmdlets.Count | Should -Be 7
        (Get-Command -Module GasTown.Deacon).Count | Should -Be 7
        # A status crosses a process as its name, which compares equal to the enum.
        $status = [Management.Automation.PSSerializer]::Deserialize([Management.Automation.PSSerializer]::Serialize([GasTown.Deacon.HeartbeatStatus]::VeryStale))
        $status | Should -BeExactly 'VeryStale'
        [GasTown.Deacon.HeartbeatStatus]::VeryStale -eq $status | Should -BeTrue
        # Imported twice with -Force, as the tests do, it keeps one copy of its type data.
        $null = Import-Module $env:DEACON_MODULE -Force -PassThru
        @(Get-TypeData GasTown.Deacon.HeartbeatStatus).Count | Should -Be 1
    }

    It 'ships a default table view, a wide one and a list view for heartbeats' {
        $views = (Get-FormatData -TypeName GasTown.Deacon.Heartbeat).FormatViewDefinition
        ($views | Where-Object Name -EQ 'GasTown.Deacon.Heartbeat').Control.Headers.Label | Should -Be @('Town', 'Status', 'Age', 'Cycle', 'Healthy', 'Unhealthy', 'LastAction')
        ($views | Where-Object Name -EQ 'Wide').Control.Headers.Label | Should -Be @('TownRoot', 'Status', 'Age', 'Cycle', 'TimestampUtc', 'Healthy', 'Unhealthy', 'LastAction')
        $views | Where-Object { $_.Control -is [System.Management.Automation.ListControl] } | Should -Not -BeNullOrEmpty
    }

    It 'takes its version from the manifest alone' {
        $manifest = Import-PowerShellDataFile (Join-Path $env:DEACON_MODULE 'GasTown.Deacon.psd1')
        foreach ($dll in Get-ChildItem (Join-Path $env:DEACON_MODULE 'bin/*/GasTown.Deacon*.dll')) {
            [Reflection.AssemblyName]::GetAssemblyName($dll.FullName).Version.ToString(3) | Should -Be $manifest.ModuleVersion -Because $dll.FullName
        }
        $manifest.PrivateData.PSData.Tags | Should -Contain 'GasTown'
        Join-Path $env:DEACON_MODULE 'LICENSE' | Should -Exist
    }

    It 'names no web address the project does not have: no ProjectUri, LicenseUri, IconUri or HelpInfoURI' {
        $manifest = Import-PowerShellDataFile (Join-Path $env:DEACON_MODULE 'GasTown.Deacon.psd1')
        foreach ($key in 'ProjectUri', 'LicenseUri', 'IconUri') { $manifest.PrivateData.PSData.Keys | Should -Not -Contain $key }
        $manifest.Keys | Should -Not -Contain 'HelpInfoURI'
        # Nor does any other value, the release notes included.
        Get-Content -Raw (Join-Path $env:DEACON_MODULE 'GasTown.Deacon.psd1') | Should -Not -Match 'https?://|www\.'
    }

    It 'takes its release notes from CHANGELOG.md, the section of its version' {
        $manifest = Import-PowerShellDataFile (Join-Path $env:DEACON_MODULE 'GasTown.Deacon.psd1')
        $changelog = (Get-Content -Raw (Join-Path $PSScriptRoot '../../CHANGELOG.md')) -replace '\r\n', "`n"
        $section = [regex]::Match($changelog, "(?ms)^## \[$([regex]::Escape($manifest.ModuleVersion))\][^\n]*\n(.*?)(?=^## |\z)").Groups[1].Value.Trim()
        $section | Should -Match '### Added'
        $manifest.PrivateData.PSData.ReleaseNotes | Should -BeExactly $section
        # Written in one place: the source manifest leaves them to the build.
        (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../GasTown.Deacon.psd1')).PrivateData.PSData.ReleaseNotes | Should -BeExactly ''
    }

    It 'keeps a CHANGELOG in the form of Keep a Changelog' {
        $lines = Get-Content (Join-Path $PSScriptRoot '../../CHANGELOG.md')
        $lines[0] | Should -BeExactly '# Changelog'
        $versions = @($lines | Where-Object { $_ -like '## *' })
        $versions | Should -Not -BeNullOrEmpty
        foreach ($v in $versions) { $v | Should -Match '^## \[(Unreleased|\d+\.\d+\.\d+)\]( - (\d{4}-\d{2}-\d{2}|Unreleased))?$' }
        foreach ($kind in @($lines | Where-Object { $_ -like '### *' })) { $kind | Should -BeIn '### Added', '### Changed', '### Deprecated', '### Removed', '### Fixed', '### Security' }
    }

    It 'declares what each cmdlet outputs' {
        (Get-Command Get-DeaconHeartbeat).OutputType.Name | Should -Be 'GasTown.Deacon.Heartbeat'
        (Get-Command Update-DeaconHeartbeat).OutputType.Name | Should -Be 'GasTown.Deacon.Heartbeat'
        (Get-Command Write-DeaconHeartbeat).OutputType.Name | Should -Be 'GasTown.Deacon.Heartbeat'
        (Get-Command Test-DeaconShouldPoke).OutputType.Name | Should -Be 'System.Boolean'
        (Get-Command Watch-DeaconHeartbeat).OutputType.Name | Should -Be 'GasTown.Deacon.Heartbeat'
        (Get-Command Suspend-Deacon).OutputType.Name | Should -Be 'GasTown.Deacon.DeaconPause'
        (Get-Command Resume-Deacon).OutputType | Should -BeNullOrEmpty
    }

    It 'lays out the module folder with exactly the listed files' {
        # The lists the build copies from (GasTown.Deacon.build.ps1 $ModuleFiles, $HelpFiles, $ModuleAssemblies):
        # anything more or less fails here.
        $names = Get-ChildItem $env:DEACON_MODULE -File -Recurse | ForEach-Object { [IO.Path]::GetRelativePath($env:DEACON_MODULE, $_.FullName).Replace('\', '/') } | Sort-Object
        $names | Should -Be @(
            'bin/net8.0/GasTown.Deacon.Core.dll'
            'bin/net8.0/GasTown.Deacon.dll'
            'bin/netstandard2.0/GasTown.Deacon.Core.dll'
            'bin/netstandard2.0/GasTown.Deacon.dll'
            'bin/netstandard2.0/Microsoft.Bcl.AsyncInterfaces.dll'
            'bin/netstandard2.0/Microsoft.Bcl.TimeProvider.dll'
            'bin/netstandard2.0/System.Buffers.dll'
            'bin/netstandard2.0/System.Memory.dll'
            'bin/netstandard2.0/System.Numerics.Vectors.dll'
            'bin/netstandard2.0/System.Runtime.CompilerServices.Unsafe.dll'
            'bin/netstandard2.0/System.Text.Encodings.Web.dll'
            'bin/netstandard2.0/System.Text.Json.dll'
            'bin/netstandard2.0/System.Threading.Tasks.Extensions.dll'
            'en-US/about_GasTown.Deacon_Errors.help.txt'
            'en-US/about_GasTown.Deacon_Pause.help.txt'
            'en-US/about_GasTown.Deacon_Statuses.help.txt'
            'en-US/about_GasTown.Deacon_Towns.help.txt'
            'en-US/about_GasTown.Deacon.help.txt'
            'en-US/GasTown.Deacon.dll-Help.xml'
            'GasTown.Deacon.format.ps1xml'
            'GasTown.Deacon.psd1'
            'GasTown.Deacon.psm1'
            'GasTown.Deacon.types.ps1xml'
            'LICENSE'
        )
    }
}
