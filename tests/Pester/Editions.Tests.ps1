BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $folder = $env:DEACON_MODULE
    $core = Join-Path $folder 'bin/net8.0'
    $desktop = Join-Path $folder 'bin/netstandard2.0'
    Import-Module $folder -Force

    # Read from the files' metadata: loading the netstandard2.0 build here would clash with the net8.0 one.
    function Get-AssemblyReferences([string] $Path) {
        $stream = [IO.File]::OpenRead($Path)
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $md = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            foreach ($handle in $md.AssemblyReferences) {
                $ref = $md.GetAssemblyReference($handle)
                [pscustomobject]@{ Name = $md.GetString($ref.Name); Version = $ref.Version; From = Split-Path -Leaf $Path }
            }
            $pe.Dispose()
        }
        finally { $stream.Dispose() }
    }

    function Get-Build([string] $Path) {
        $dlls = Get-ChildItem $Path -Filter *.dll
        $shipped = @{}
        foreach ($dll in $dlls) { $shipped[$dll.BaseName] = [Reflection.AssemblyName]::GetAssemblyName($dll.FullName).Version }
        [pscustomobject]@{ References = @($dlls | ForEach-Object { Get-AssemblyReferences $_.FullName }); Shipped = $shipped }
    }

    $net8 = Get-Build $core
    $netstandard = Get-Build $desktop
}

Describe 'The module folder on each edition' {
    It 'has a build for each edition, both against PowerShell Standard: net8.0 for pwsh 7.4+, netstandard2.0 for Windows PowerShell 5.1' {
        foreach ($name in 'GasTown.Deacon', 'GasTown.Deacon.Core') {
            ($net8.References | Where-Object { $_.From -eq "$name.dll" -and $_.Name -eq 'System.Runtime' }).Version.Major | Should -Be 8
            ($net8.References | Where-Object From -EQ "$name.dll").Name | Should -Not -Contain 'netstandard'
            ($netstandard.References | Where-Object { $_.From -eq "$name.dll" -and $_.Name -eq 'netstandard' }).Version | Should -Be ([version]'2.0.0.0')
        }
        foreach ($build in $net8, $netstandard) {
            ($build.References | Where-Object Name -EQ 'System.Management.Automation').Version | Should -Be ([version]'3.0.0.0')
        }
    }

    It 'loads the net8.0 build on pwsh' {
        (Get-Command Get-DeaconHeartbeat).ImplementingType.Assembly.Location | Should -Be (Join-Path $core 'GasTown.Deacon.dll')
        [GasTown.Deacon.HeartbeatStatus].Assembly.Location | Should -Be (Join-Path $core 'GasTown.Deacon.Core.dll')
        # The Windows PowerShell resolver is not in that build.
        'GasTown.Deacon.Commands.ModuleAssemblyResolver' -as [type] | Should -BeNullOrEmpty
        'GasTown.Deacon.Commands.ModuleInitializer' -as [type] | Should -BeNullOrEmpty
    }

    It 'ships in the net8.0 build its two assemblies alone, which reference nothing newer than .NET 8 has in the box (pwsh 7.4+)' {
        @($net8.Shipped.Keys | Sort-Object) | Should -Be @('GasTown.Deacon', 'GasTown.Deacon.Core')
        $box = @{}
        foreach ($f in Get-ChildItem ([Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()) -Filter *.dll) { $box[$f.BaseName] = $true }
        $problems = foreach ($ref in $net8.References | Where-Object Name -NotIn 'System.Management.Automation', 'GasTown.Deacon.Core') {
            if (-not $box.ContainsKey($ref.Name)) { "$($ref.From) needs $($ref.Name) $($ref.Version), not in .NET" }
            elseif ($ref.Version.Major -gt 8) { "$($ref.From) needs $($ref.Name) $($ref.Version), newer than .NET 8's" }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'ships in the netstandard2.0 build every library .NET Framework 4.7.2 lacks, at the version asked or newer (Windows PowerShell 5.1)' {
        $inFramework = 'mscorlib', 'netstandard', 'System', 'System.Core', 'System.Xml', 'System.Numerics', 'System.Runtime',
            'System.Management.Automation'
        $missing = foreach ($ref in $netstandard.References | Where-Object Name -NotIn $inFramework) {
            if (-not $netstandard.Shipped.ContainsKey($ref.Name)) { "$($ref.From) needs $($ref.Name) $($ref.Version), not shipped" }
            elseif ($netstandard.Shipped[$ref.Name] -lt $ref.Version) { "$($ref.From) needs $($ref.Name) $($ref.Version), shipped $($netstandard.Shipped[$ref.Name])" }
        }
        $missing | Should -BeNullOrEmpty
    }

    It 'finds, in the netstandard2.0 build, a dependency asked for at an older version (Windows PowerShell has no binding redirects)' {
        # In a process of its own: the netstandard2.0 GasTown.Deacon.dll cannot load beside the net8.0 one.
        $lines = Invoke-Pwsh -NoProfile -NonInteractive -Command @"
`$null = [Reflection.Assembly]::LoadFrom('$(Join-Path $desktop 'GasTown.Deacon.dll')')
`$older = [Reflection.AssemblyName]'System.Runtime.CompilerServices.Unsafe, Version=4.0.4.1, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a'
'older=' + [GasTown.Deacon.Commands.ModuleAssemblyResolver]::Find(`$older, '$desktop')
'newer=' + [GasTown.Deacon.Commands.ModuleAssemblyResolver]::Find([Reflection.AssemblyName]'System.Text.Json, Version=99.0.0.0', '$desktop')
'absent=' + [GasTown.Deacon.Commands.ModuleAssemblyResolver]::Find([Reflection.AssemblyName]'Not.Here', '$desktop')
"@
        $LASTEXITCODE | Should -Be 0
        [version]'4.0.4.1' | Should -BeLessThan $netstandard.Shipped['System.Runtime.CompilerServices.Unsafe']
        $lines | Should -Be @("older=$(Join-Path $desktop 'System.Runtime.CompilerServices.Unsafe.dll')", 'newer=', 'absent=')
    }

    It 'needs exactly that resolver in the netstandard2.0 build: its libraries ask for different versions of one another' {
        $asked = $netstandard.References | Where-Object Name -EQ 'System.Runtime.CompilerServices.Unsafe' | ForEach-Object Version | Sort-Object -Unique
        @($asked).Count | Should -BeGreaterThan 1
    }
}

Describe 'The module among others on pwsh' {
    BeforeAll {
        $town = New-TestTown (Join-Path $TestDrive 'town')
        # Another copy of a library the netstandard2.0 build ships, as a script would Add-Type it: the package's
        # .NET 8 build from NuGet's cache (restored for the module's own build), of the same name and version.
        $packages = ((& ([Environment]::ProcessPath) nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
        $other = Get-ChildItem (Join-Path $packages 'microsoft.bcl.timeprovider/*/lib/net8.0/Microsoft.Bcl.TimeProvider.dll') | Select-Object -First 1
        $script = Join-Path $TestDrive 'alone.ps1'
        Set-Content $script @'
param($Module, $Town, $Other)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$base = (Get-Module GasTown.Deacon).ModuleBase
# Every cmdlet once, so that whatever they load is loaded.
$null = Write-DeaconHeartbeat -TownRoot $Town -Cycle 1 -LastAction 'among others'
$null = Update-DeaconHeartbeat -TownRoot $Town
$null = Get-DeaconHeartbeat -TownRoot $Town
$null = Test-DeaconShouldPoke -TownRoot $Town
$null = Watch-DeaconHeartbeat -TownRoot $Town -Timeout 0.2 -WarningAction SilentlyContinue
$null = Suspend-Deacon -TownRoot $Town -Reason 'among others'
Resume-Deacon -TownRoot $Town
foreach ($a in [AppDomain]::CurrentDomain.GetAssemblies()) {
    if (-not $a.IsDynamic -and $a.Location.StartsWith($base)) { 'loaded=' + [IO.Path]::GetRelativePath($base, $a.Location).Replace('\', '/') }
}
try { Add-Type -Path $Other; 'add-type=ok' } catch { "add-type=$($_.Exception.Message)" }
'@
        $lines = Invoke-Pwsh -NoProfile -NonInteractive -File $script -Module $env:DEACON_MODULE -Town $town -Other $other.FullName
        $exit = $LASTEXITCODE
    }

    It 'runs every cmdlet in a clean process' {
        $exit | Should -Be 0
        $other | Should -Not -BeNullOrEmpty
        (Get-FileHash $other.FullName).Hash | Should -Not -Be (Get-FileHash (Join-Path $desktop 'Microsoft.Bcl.TimeProvider.dll')).Hash
    }

    It 'loads nothing from its folder but its own two net8.0 assemblies' {
        @($lines -like 'loaded=*' | Sort-Object) | Should -Be @('loaded=bin/net8.0/GasTown.Deacon.Core.dll', 'loaded=bin/net8.0/GasTown.Deacon.dll')
    }

    It 'leaves a script free to Add-Type another copy of Microsoft.Bcl.TimeProvider afterwards' {
        $lines | Should -Contain 'add-type=ok'
    }
}
