@{
    RootModule             = 'GasTown.Deacon.psm1'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '6c1f0d7e-3b2a-4c59-9a0e-5d8f2b7c4e11'
    Author                 = 'GasTown.Deacon contributors'
    CompanyName            = 'GasTown.Deacon'
    Copyright              = '(c) 2026 GasTown.Deacon contributors. MIT License.'
    Description            = "Gas Town's Deacon heartbeat (deacon/heartbeat.json) as typed PowerShell objects: read, write and update it byte-compatibly with the Go daemon, safely under concurrent writers, and ask whether the Deacon should be poked."
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    # The psm1 imports bin/net8.0 or bin/netstandard2.0 by edition; the type and format data name types, never load them.
    TypesToProcess         = @('GasTown.Deacon.types.ps1xml')
    FormatsToProcess       = @('GasTown.Deacon.format.ps1xml')
    FunctionsToExport      = @()
    CmdletsToExport        = @(
        'Get-DeaconHeartbeat'
        'Write-DeaconHeartbeat'
        'Update-DeaconHeartbeat'
        'Test-DeaconShouldPoke'
        'Watch-DeaconHeartbeat'
        'Suspend-Deacon'
        'Resume-Deacon'
    )
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('GasTown', 'Deacon', 'Heartbeat', 'Agents', 'Monitoring', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            # No ProjectUri or LicenseUri: the project has no web address of its own (the LICENSE ships in the module).
            # Filled by the build from CHANGELOG.md, the section of ModuleVersion; written there only.
            ReleaseNotes = ''
        }
    }
}
