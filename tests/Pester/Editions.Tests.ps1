BeforeAll {
    $folder = $env:DEACON_MODULE
    Import-Module $folder -Force

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

    $dlls = Get-ChildItem $folder -Filter *.dll
    $references = @($dlls | ForEach-Object { Get-AssemblyReferences $_.FullName })
    $shipped = @{}
    foreach ($dll in $dlls) { $shipped[$dll.BaseName] = [Reflection.AssemblyName]::GetAssemblyName($dll.FullName).Version }
}

Describe 'The module folder on each edition' {
    It 'is netstandard2.0 against PowerShell Standard, so one build serves both editions' {
        foreach ($name in 'GasTown.Deacon.dll', 'GasTown.Deacon.Core.dll') {
            $attribute = [Reflection.Assembly]::LoadFrom((Join-Path $folder $name)).GetCustomAttributes([Runtime.Versioning.TargetFrameworkAttribute], $false)
            $attribute.FrameworkName | Should -Be '.NETStandard,Version=v2.0'
        }
        ($references | Where-Object Name -EQ 'System.Management.Automation').Version | Should -Be ([version]'3.0.0.0')
    }

    It 'ships every library .NET Framework 4.7.2 lacks, at the version asked or newer (Windows PowerShell 5.1)' {
        $inFramework = 'mscorlib', 'netstandard', 'System', 'System.Core', 'System.Xml', 'System.Numerics', 'System.Runtime',
            'System.Management.Automation'
        $missing = foreach ($ref in $references | Where-Object Name -NotIn $inFramework) {
            if (-not $shipped.ContainsKey($ref.Name)) { "$($ref.From) needs $($ref.Name) $($ref.Version), not shipped" }
            elseif ($shipped[$ref.Name] -lt $ref.Version) { "$($ref.From) needs $($ref.Name) $($ref.Version), shipped $($shipped[$ref.Name])" }
        }
        $missing | Should -BeNullOrEmpty
    }

    It 'references nothing newer than .NET 8 has in the box, and ships the rest (pwsh 7.4+)' {
        $box = @{}
        foreach ($f in Get-ChildItem ([Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()) -Filter *.dll) { $box[$f.BaseName] = $true }
        $problems = foreach ($ref in $references | Where-Object Name -NE 'System.Management.Automation') {
            if ($box.ContainsKey($ref.Name)) {
                if ($ref.Version.Major -gt 8) { "$($ref.From) needs $($ref.Name) $($ref.Version), newer than .NET 8's" }
            }
            elseif (-not $shipped.ContainsKey($ref.Name)) { "$($ref.From) needs $($ref.Name) $($ref.Version): neither in .NET nor shipped" }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'finds a dependency asked for at an older version in its folder (Windows PowerShell has no binding redirects)' {
        $unsafe = $shipped['System.Runtime.CompilerServices.Unsafe']
        $older = [Reflection.AssemblyName]"System.Runtime.CompilerServices.Unsafe, Version=4.0.4.1, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a"
        $older.Version | Should -BeLessThan $unsafe
        [GasTown.Deacon.Commands.ModuleAssemblyResolver]::Find($older, $folder) | Should -Be (Join-Path $folder 'System.Runtime.CompilerServices.Unsafe.dll')
        $newer = [Reflection.AssemblyName]"System.Text.Json, Version=99.0.0.0"
        [GasTown.Deacon.Commands.ModuleAssemblyResolver]::Find($newer, $folder) | Should -BeNullOrEmpty
        [GasTown.Deacon.Commands.ModuleAssemblyResolver]::Find([Reflection.AssemblyName]'Not.Here', $folder) | Should -BeNullOrEmpty
    }

    It 'needs exactly that resolver: its libraries ask for different versions of one another' {
        $asked = $references | Where-Object Name -EQ 'System.Runtime.CompilerServices.Unsafe' | ForEach-Object Version | Sort-Object -Unique
        @($asked).Count | Should -BeGreaterThan 1
    }
}
