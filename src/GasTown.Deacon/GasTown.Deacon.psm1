# Imports the cmdlets built for the edition this runs in: bin/net8.0 on pwsh 7.4+, which has everything they use in
# the box; bin/netstandard2.0 on Windows PowerShell 5.1, with the libraries .NET Framework lacks and the resolver
# (ModuleInitializer) that binds them from that folder. Module-qualified, so that a session's own Import-Module is not
# taken, and without a Get-Command, which would cost every import a tenth of a second.
Microsoft.PowerShell.Core\Import-Module ([IO.Path]::Combine($PSScriptRoot, 'bin', $(if ($PSEdition -eq 'Core') { 'net8.0' } else { 'netstandard2.0' }), 'GasTown.Deacon.dll')) -ErrorAction Stop
