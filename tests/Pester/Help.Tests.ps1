BeforeDiscovery {
    $module = Import-Module $env:DEACON_MODULE -Force -PassThru
    $cmdlets = @($module.ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $parameters = @(foreach ($c in $cmdlets) {
            foreach ($p in (Get-Command $c.Name).Parameters.Keys) { if ($p -notin $common) { @{ Cmdlet = $c.Name; Parameter = $p } } }
        })
}

BeforeAll {
    Import-Module $env:DEACON_MODULE -Force
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll { $help = Get-Help $Name -Full }

    It 'comes from the MAML file, with a synopsis' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without MAML help, PowerShell shows the syntax as the synopsis.
        $help.Synopsis | Should -Not -Match ([regex]::Escape("$Name ["))
    }

    It 'has a description' {
        ($help.description.Text -join ' ').Length | Should -BeGreaterThan 80
    }

    It 'has at least two examples with code and remarks' {
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $help.examples.example) {
            $example.code | Should -Not -BeNullOrEmpty
            ($example.remarks.Text -join '') | Should -Not -BeNullOrEmpty
        }
    }

    It 'names its inputs and outputs, with related links' {
        $help.inputTypes.inputType.type.name | Should -Not -BeNullOrEmpty
        $help.returnValues.returnValue.type.name | Should -Not -BeNullOrEmpty
        @($help.relatedLinks.navigationLink).Count | Should -BeGreaterOrEqual 1
        $help.relatedLinks.navigationLink.linkText | Should -Contain 'about_GasTown.Deacon'
    }
}

Describe 'Help for -<Parameter> of <Cmdlet>' -ForEach $parameters {
    It 'is described, with the right type' {
        $help = Get-Help $Cmdlet -Parameter $Parameter
        ($help.description.Text -join ' ') | Should -Not -BeNullOrEmpty
        $help.type.name | Should -Be (Get-Command $Cmdlet).Parameters[$Parameter].ParameterType.FullName
    }
}

Describe 'about_GasTown.Deacon' {
    It 'is found by Get-Help and covers the heartbeat, its format and its guarantees' {
        $text = Get-Help about_GasTown.Deacon | Out-String
        foreach ($topic in 'deacon/heartbeat.json', 'STATUSES AND THRESHOLDS', 'TOWN DISCOVERY', 'CLOCK SKEW', 'CONCURRENCY AND CRASHES', 'GT_TOWN_ROOT', 'MarshalIndent') {
            $text | Should -BeLike "*$topic*"
        }
    }
}
