BeforeDiscovery {
    $module = Import-Module $env:DEACON_MODULE -Force -PassThru
    $cmdlets = @($module.ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $parameters = @(foreach ($c in $cmdlets) {
            foreach ($p in (Get-Command $c.Name).Parameters.Values) {
                if ($p.Name -notin $common) { @{ Cmdlet = $c.Name; Parameter = $p.Name; IsDuration = $p.ParameterType -eq [timespan] } }
            }
        })
    $durations = @($parameters | Where-Object IsDuration)
}

BeforeAll {
    Import-Module $env:DEACON_MODULE -Force
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help $Name -Full
        # Every piece of prose Get-Help prints, code examples aside.
        $prose = @(
            $help.Synopsis
            $help.description.Text
            $help.parameters.parameter.description.Text
            $help.inputTypes.inputType.description.Text
            $help.returnValues.returnValue.description.Text
            $help.alertSet.alert.Text
            $help.examples.example.title
            $help.examples.example.remarks.Text
        ) | Where-Object { $_ }
    }

    It 'gives <Name> a synopsis from the MAML file' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without MAML help, PowerShell shows the syntax as the synopsis.
        $help.Synopsis | Should -Not -Match ([regex]::Escape("$Name ["))
    }

    It 'gives <Name> a description' {
        ($help.description.Text -join ' ').Length | Should -BeGreaterThan 80
    }

    It 'gives <Name> at least two examples with code and remarks' {
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $help.examples.example) {
            $example.code | Should -Not -BeNullOrEmpty
            ($example.remarks.Text -join '') | Should -Not -BeNullOrEmpty
        }
    }

    It 'names the inputs, outputs and related topics of <Name>' {
        $help.inputTypes.inputType.type.name | Should -Not -BeNullOrEmpty
        $help.returnValues.returnValue.type.name | Should -Not -BeNullOrEmpty
        $help.description.Text[-1] | Should -Match '^Related: about_GasTown\.Deacon, .+\.$'
    }

    It 'prints the help of <Name> as plain text, with no markdown' {
        $prose.Count | Should -BeGreaterThan 5
        foreach ($text in $prose) {
            $text | Should -Not -Match '`' -Because $text
            $text | Should -Not -Match '\*\*' -Because $text
            $text | Should -Not -Match '\]\(' -Because $text
        }
        # What was a code span is kept, as plain text.
        ($help.description.Text -join ' ') | Should -Match '<town>/| deacon/'
    }

    It 'offers no -Online for <Name>, which has no online help' {
        (Get-Command $Name).HelpUri | Should -BeNullOrEmpty
        $help.PSObject.Properties['relatedLinks'] | Should -BeNullOrEmpty
        Get-Help $Name | Out-String -Width 200 | Should -Not -Match '-Online'
    }
}

Describe 'Help for -<Parameter> of <Cmdlet>' -ForEach $parameters {
    # Get-Help makes up a type and a wildcard flag from the cmdlet itself when there is no help file, and the build
    # refuses a parameter without help; what only this can show is that Get-Help serves the text written for it.
    It 'serves for -<Parameter> of <Cmdlet> the text its markdown source gives' {
        $source = Get-Content -Raw (Join-Path $PSScriptRoot "../../src/GasTown.Deacon/help/$Cmdlet.md")
        $section = [regex]::Match($source, "(?ms)^### -$Parameter\r?\n(.+?)\r?\n").Groups[1].Value
        $section | Should -Not -BeNullOrEmpty
        $firstSentence = ($section -replace '`', '').Split('.')[0]
        ((Get-Help $Cmdlet -Parameter $Parameter).description.Text -join ' ') | Should -BeLike "$([WildcardPattern]::Escape($firstSentence))*"
    }
}

Describe 'Durations in help: -<Parameter> of <Cmdlet>' -ForEach $durations {
    It 'says how to write -<Parameter> of <Cmdlet>: seconds, Go duration text or TimeSpan text' {
        $text = (Get-Help $Cmdlet -Parameter $Parameter).description.Text -join ' '
        $text | Should -Match 'number of seconds \(300\)'
        $text | Should -Match '1h30m'
        $text | Should -Match '00:05:00'
    }
}

Describe 'about_GasTown.Deacon' {
    BeforeAll { $text = Get-Help about_GasTown.Deacon | Out-String }

    It 'is found by Get-Help and covers the heartbeat, its format and its guarantees' {
        foreach ($topic in 'deacon/heartbeat.json', 'STATUSES AND THRESHOLDS', 'TOWN DISCOVERY', 'CLOCK SKEW', 'CONCURRENCY AND CRASHES', 'GT_TOWN_ROOT', 'MarshalIndent') {
            $text | Should -BeLike "*$topic*"
        }
    }

    It 'covers durations, wildcards, remoting and scheduled tasks, in plain text' {
        foreach ($topic in 'DURATIONS', '1h30m', '-LiteralTownRoot', 'REMOTING', 'Invoke-Command -HostName h1, h2', 'PSComputerName', 'TimestampUtc', 'SCHEDULED TASKS', 'exit 2') {
            $text | Should -BeLike "*$topic*"
        }
        $text | Should -Not -Match '`'
    }
}
