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
        $manifest.PrivateData.PSData.ProjectUri | Should -Not -BeNullOrEmpty
        $manifest.PrivateData.PSData.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
        Join-Path $env:DEACON_MODULE 'LICENSE' | Should -Exist
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
        (Get-ChildItem (Join-Path $env:DEACON_MODULE 'en-US')).Name | Sort-Object | Should -Be @('about_GasTown.Deacon.help.txt', 'GasTown.Deacon.dll-Help.xml')
    }
}
