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
        $manifest.TypesToProcess | Should -Be @('GasTown.Deacon.types.ps1xml')
    }

    It 'ships a default table view, a wide one and a list view for heartbeats' {
        $views = (Get-FormatData -TypeName GasTown.Deacon.Heartbeat).FormatViewDefinition
        ($views | Where-Object Name -EQ 'GasTown.Deacon.Heartbeat').Control.Headers.Label | Should -Be @('Town', 'Status', 'Age', 'Cycle', 'Healthy', 'Unhealthy', 'LastAction')
        ($views | Where-Object Name -EQ 'Wide').Control.Headers.Label | Should -Be @('TownRoot', 'Status', 'Age', 'Cycle', 'TimestampUtc', 'Healthy', 'Unhealthy', 'LastAction')
        $views | Where-Object { $_.Control -is [System.Management.Automation.ListControl] } | Should -Not -BeNullOrEmpty
    }

    It 'takes its version from the manifest alone' {
        $manifest = Import-PowerShellDataFile (Join-Path $env:DEACON_MODULE 'GasTown.Deacon.psd1')
        $dll = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $env:DEACON_MODULE 'GasTown.Deacon.dll'))
        $dll.Version.ToString(3) | Should -Be $manifest.ModuleVersion
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
        # The list the build copies from (GasTown.Deacon.build.ps1 $ModuleFiles): anything more or less fails here.
        $names = Get-ChildItem $env:DEACON_MODULE -File | ForEach-Object Name | Sort-Object
        $names | Should -Be @(
            'GasTown.Deacon.Core.dll'
            'GasTown.Deacon.dll'
            'GasTown.Deacon.format.ps1xml'
            'GasTown.Deacon.psd1'
            'GasTown.Deacon.types.ps1xml'
            'LICENSE'
            'Microsoft.Bcl.AsyncInterfaces.dll'
            'Microsoft.Bcl.TimeProvider.dll'
            'System.Buffers.dll'
            'System.Memory.dll'
            'System.Numerics.Vectors.dll'
            'System.Runtime.CompilerServices.Unsafe.dll'
            'System.Text.Encodings.Web.dll'
            'System.Text.Json.dll'
            'System.Threading.Tasks.Extensions.dll'
        )
        (Get-ChildItem $env:DEACON_MODULE -Directory).Name | Should -Be @('en-US')
        (Get-ChildItem (Join-Path $env:DEACON_MODULE 'en-US')).Name | Sort-Object | Should -Be @(
            'about_GasTown.Deacon_Errors.help.txt'
            'about_GasTown.Deacon_Pause.help.txt'
            'about_GasTown.Deacon_Statuses.help.txt'
            'about_GasTown.Deacon_Towns.help.txt'
            'about_GasTown.Deacon.help.txt'
            'GasTown.Deacon.dll-Help.xml'
        )
    }
}
