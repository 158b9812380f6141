BeforeAll {
    $module = Import-Module $env:DEACON_MODULE -Force -PassThru
}

Describe 'The GasTown.Deacon module' {
    It 'exports exactly the four cmdlets' {
        ($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @('Get-DeaconHeartbeat', 'Test-DeaconShouldPoke', 'Update-DeaconHeartbeat', 'Write-DeaconHeartbeat')
        $module.ExportedFunctions.Count | Should -Be 0
    }

    It 'lists its cmdlets explicitly, for both editions, from PowerShell 5.1' {
        $manifest = Import-PowerShellDataFile (Join-Path $env:DEACON_MODULE 'GasTown.Deacon.psd1')
        $manifest.CmdletsToExport | Should -Not -Contain '*'
        $manifest.CmdletsToExport.Count | Should -Be 4
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.FormatsToProcess | Should -Be @('GasTown.Deacon.format.ps1xml')
    }

    It 'ships a table view for heartbeats' {
        $view = Get-FormatData -TypeName GasTown.Deacon.Heartbeat
        $view | Should -Not -BeNullOrEmpty
        $labels = $view.FormatViewDefinition[0].Control.Headers.Label
        $labels | Should -Be @('Cycle', 'Status', 'Age', 'Timestamp', 'LastAction', 'Healthy', 'Unhealthy', 'TownRoot')
    }

    It 'declares what each cmdlet outputs' {
        (Get-Command Get-DeaconHeartbeat).OutputType.Name | Should -Be 'GasTown.Deacon.Heartbeat'
        (Get-Command Update-DeaconHeartbeat).OutputType.Name | Should -Be 'GasTown.Deacon.Heartbeat'
        (Get-Command Write-DeaconHeartbeat).OutputType.Name | Should -Be 'GasTown.Deacon.Heartbeat'
        (Get-Command Test-DeaconShouldPoke).OutputType.Name | Should -Be 'System.Boolean'
    }

    It 'lays out the module folder with exactly the listed files' {
        $names = Get-ChildItem $env:DEACON_MODULE -File | ForEach-Object Name | Sort-Object
        $names | Should -Contain 'GasTown.Deacon.dll'
        $names | Should -Contain 'GasTown.Deacon.Core.dll'
        $names | Should -Contain 'System.Text.Json.dll'
        $names | Where-Object { $_ -like '*.pdb' -or $_ -like '*.deps.json' } | Should -BeNullOrEmpty
    }
}
