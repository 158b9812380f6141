# The suite itself: a log where every test can be told apart, and no -WhatIf message leaking into it.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $testFiles = @(Get-ChildItem $PSScriptRoot -Filter '*.Tests.ps1')
}

Describe 'The Pester suite' {
    It 'names every test differently, data-driven cases included' {
        # Discovery only, in a pwsh of its own: a Pester run cannot hold another.
        $script = Join-Path $TestDrive 'discover.ps1'
        Set-Content $script @'
param([string] $Pester, [string] $Path)
Import-Module $Pester
$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.SkipRun = $true
$config.Run.PassThru = $true
$config.Output.Verbosity = 'None'
# Discovery leaves <Key> templates unexpanded: expand them from the data of the test and its blocks, as a run does.
foreach ($test in (Invoke-Pester -Configuration $config).Tests) {
    $data = @{}
    $blocks = @(for ($b = $test.Block; $b; $b = $b.Parent) { $b })
    [array]::Reverse($blocks)
    foreach ($d in @($blocks.Data) + @($test.Data)) { if ($d -is [System.Collections.IDictionary]) { foreach ($k in $d.Keys) { $data[$k] = $d[$k] } } }
    [regex]::Replace($test.Name, '<(\w+)>', { param($m) if ($data.ContainsKey($m.Groups[1].Value)) { "$($data[$m.Groups[1].Value])" } else { $m.Value } })
}
'@
        $names = @(Invoke-Pwsh -NoProfile -NonInteractive -File $script -Pester (Get-Module Pester).Path -Path $PSScriptRoot)
        $LASTEXITCODE | Should -Be 0
        $names.Count | Should -BeGreaterThan 100
        $names | Where-Object { $_ -match '<\w+>' } | Should -BeNullOrEmpty -Because 'a template left unexpanded names nothing'
        $names | Group-Object | Where-Object Count -GT 1 | ForEach-Object Name | Should -BeNullOrEmpty
    }

    It 'calls no command with -WhatIf in the test process, whose host would print What if: into the log' {
        $calls = foreach ($file in $testFiles) {
            $ast = [System.Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref]$null, [ref]$null)
            $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandParameterAst] -and $node.ParameterName -eq 'WhatIf' }, $true) |
                ForEach-Object { "$($file.Name):$($_.Extent.StartLineNumber)" }
        }
        $calls | Should -BeNullOrEmpty -Because 'PowerShell writes What if: to the host, beyond any redirection: run such a command in a pwsh of its own'
    }
}
