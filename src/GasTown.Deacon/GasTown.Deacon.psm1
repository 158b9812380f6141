# Imports the cmdlets built for the edition this runs in: bin/net8.0 on pwsh 7.4+, which has everything they use in
# the box; bin/netstandard2.0 on Windows PowerShell 5.1, with the libraries .NET Framework lacks and the resolver
# (ModuleInitializer) that binds them from that folder.
$bin = [IO.Path]::Combine($PSScriptRoot, 'bin', $(if ($PSEdition -eq 'Core') { 'net8.0' } else { 'netstandard2.0' }))
$typesFile = [IO.Path]::Combine($PSScriptRoot, 'GasTown.Deacon.types.ps1xml')

# The core first, by path: the types file names GasTown.Deacon.HeartbeatStatus, which must be loaded when the file
# is read. So the types file is read here, not by the manifest (which cannot choose a build for RequiredAssemblies).
$null = [Reflection.Assembly]::LoadFrom([IO.Path]::Combine($bin, 'GasTown.Deacon.Core.dll'))
# Import-Module from the engine itself, whatever a session may have put in its place (module-qualified: a Get-Command
# here would cost a scheduled check a tenth of a second).
Microsoft.PowerShell.Core\Import-Module ([IO.Path]::Combine($bin, 'GasTown.Deacon.dll')) -ErrorAction Stop
Update-TypeData -PrependPath $typesFile
$ExecutionContext.SessionState.Module.OnRemove = { Remove-TypeData -Path $typesFile }.GetNewClosure()
