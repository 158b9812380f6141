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

    It 'lists the parameters of <Name> in positional order, the positional -TownRoot first' {
        $positions = @($help.parameters.parameter | ForEach-Object { if ($_.position -eq 'named') { [int]::MaxValue } else { [int]$_.position } })
        $positions | Should -Be @($positions | Sort-Object)
        $help.parameters.parameter[0].name | Should -Be 'TownRoot'
        $help.parameters.parameter[0].position | Should -Be '0'
    }

    It 'says that the help of <Name> ships with the module and needs no Update-Help' {
        ($help.alertSet.alert.Text -join ' ') | Should -Match 'This help ships with the module .+ Update-Help is not needed'
        (Get-Module GasTown.Deacon).HelpInfoUri | Should -BeNullOrEmpty
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

Describe 'The about topic <Topic>' -ForEach @(
    @{ Topic = 'about_GasTown.Deacon'; Covers = @('deacon/heartbeat.json', 'MarshalIndent', 'CONCURRENCY AND CRASHES', 'TimestampUtc', 'This help ships with the module', 'Update-Help is not needed', 'about_GasTown.Deacon_Errors', 'remoting.md') }
    @{ Topic = 'about_GasTown.Deacon_Statuses'; Covers = @('VeryStale', 'Future', 'THRESHOLDS', 'TOWN SETTINGS', 'heartbeat_very_stale_threshold', "PSDefaultParameterValues['*-Deacon*:StaleThreshold']", 'DURATIONS', '1h30m', 'CLOCK SKEW') }
    @{ Topic = 'about_GasTown.Deacon_Pause'; Covers = @('.runtime/deacon/paused.json', 'Suspend-Deacon', 'Resume-Deacon', 'DeaconPaused', 'PauseFileInvalid', 'must not patrol') }
    @{ Topic = 'about_GasTown.Deacon_Towns'; Covers = @('TOWN DISCOVERY', 'GT_TOWN_ROOT', '-LiteralTownRoot', '/srv/towns/*', 'Get-ChildItem -Directory', 'NotInTown', 'did you mean') }
    @{ Topic = 'about_GasTown.Deacon_Errors'; Covers = @('HeartbeatNotFound (ObjectNotFound)', 'HeartbeatCycleOverflow (LimitsExceeded)', 'HeartbeatIOError (SecurityError)', 'InputNotHeartbeat', 'FullyQualifiedErrorId', 'LinkInTheWay') }
) {
    BeforeAll { $text = Get-Help $Topic | Out-String }

    It 'is found by Get-Help in the built module: <Topic>' {
        $text | Should -Match "(?m)^\s*$([regex]::Escape($Topic))\s*$"
        Join-Path $env:DEACON_MODULE "en-US/$Topic.help.txt" | Should -Exist
    }

    It 'covers what it is for, in plain text of at most 80 columns: <Topic>' {
        foreach ($subject in $Covers) { $text | Should -BeLike "*$([WildcardPattern]::Escape($subject))*" }
        $text | Should -Not -Match '`'
        Get-Content (Join-Path $env:DEACON_MODULE "en-US/$Topic.help.txt") | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 -Because $_ }
    }
}

Describe 'Each fact in one place' {
    BeforeAll {
        $root = Join-Path $PSScriptRoot '../..'
        $sources = @(Get-Item (Join-Path $root 'README.md'), (Join-Path $root 'CHANGELOG.md')) + @(Get-ChildItem (Join-Path $root 'docs') -Filter *.md) +
            @(Get-ChildItem (Join-Path $root 'src/GasTown.Deacon/help') -Include *.md, *.txt -Recurse)
    }

    It 'has the error table in about_GasTown.Deacon_Errors alone' {
        # Two categories only the table names.
        $holding = @($sources | Where-Object { (Get-Content -Raw $_.FullName) -match 'LimitsExceeded|OperationTimeout' } | ForEach-Object Name)
        $holding | Should -Be @('about_GasTown.Deacon_Errors.help.txt')
    }

    It 'keeps the README an introduction of at most 12 KB' {
        (Get-Item (Join-Path $root 'README.md')).Length | Should -BeLessOrEqual 12KB
    }

    It 'ships every about topic of the help sources, as the build lists them' {
        $written = @(Get-ChildItem (Join-Path $root 'src/GasTown.Deacon/help') -Filter 'about_*.help.txt' | ForEach-Object Name | Sort-Object)
        $shipped = @(Get-ChildItem (Join-Path $env:DEACON_MODULE 'en-US') -Filter 'about_*.help.txt' | ForEach-Object Name | Sort-Object)
        $shipped | Should -Be $written
        $written.Count | Should -Be 5
    }
}

# An example that shows output ("PS> " before each command, ">> " before its continued lines, the output after it)
# is run, in a runspace of its own, on a fleet made as the examples assume: /srv/towns/alpha Fresh (cycle 2, 4 and 1
# agents, 'patrol: 4 witnesses checked') and /srv/towns/bravo Stale (3m 12s old, cycle 212, 6 and 0, 'restarted
# witness'). What it prints must be what the example shows, but for numbers and paths, which differ from run to run.
BeforeDiscovery {
    $shown = @(foreach ($c in $cmdlets) {
            $source = Get-Content -Raw (Join-Path $PSScriptRoot "../../src/GasTown.Deacon/help/$($c.Name).md")
            foreach ($m in [regex]::Matches($source, '(?ms)^### (?<title>Example[^\r\n]*)\r?\n```powershell\r?\n(?<code>.*?)^```')) {
                $lines = $m.Groups['code'].Value -split '\r?\n'
                if ($lines[0] -like 'PS> *') { @{ Cmdlet = $c.Name; Title = $m.Groups['title'].Value; Lines = $lines } }
            }
        })
}

Describe 'Help example output: <Cmdlet>, <Title>' -ForEach $shown {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        # Numbers (with a fraction) and paths (from / or an ellipsis) read alike, spaces as one: what is left must match.
        function ConvertTo-Shape([string[]] $Text) {
            @($Text | ForEach-Object { (($_ -replace '(…|/)\S*', '/') -replace '\d+(?:[.,]\d+)?', '0' -replace '\s+', ' ').Trim() } | Where-Object { $_ })
        }
    }

    It 'prints what <Cmdlet>''s <Title> shows' {
        $root = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        $alpha = New-TestTown (Join-Path $root 'srv/towns/alpha')
        $null = New-Item -ItemType Directory (Join-Path $alpha 'crew')
        $bravo = New-TestTown (Join-Path $root 'srv/towns/bravo')
        $null = Write-DeaconHeartbeat $alpha -Cycle 2 -LastAction 'patrol: 4 witnesses checked' -HealthyAgents 4 -UnhealthyAgents 1
        $null = Write-DeaconHeartbeat $bravo -Timestamp ([DateTimeOffset]::UtcNow.AddSeconds(-192)) -Cycle 212 -LastAction 'restarted witness' -HealthyAgents 6 -UnhealthyAgents 0

        $commands = @($Lines | Where-Object { $_ -match '^(PS|>)> ' } | ForEach-Object { $_.Substring(4) })
        $expected = @($Lines | Where-Object { $_ -notmatch '^(PS|>)> ' })
        $expected.Count | Should -BeGreaterThan 0
        $script = ($commands -join "`n").Replace('/srv/towns', (Join-Path $root 'srv/towns'))
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:DEACON_MODULE'; & { $script } *>&1")
            $output = $ps.Invoke() | ForEach-Object {
                if ($_ -is [System.Management.Automation.VerboseRecord]) { "VERBOSE: $($_.Message)" }
                elseif ($_ -is [System.Management.Automation.WarningRecord]) { "WARNING: $($_.Message)" }
                else { $_ }
            }
            $ps.Streams.Error | Should -BeNullOrEmpty
        }
        finally { $ps.Dispose() }
        $saved = $PSStyle.OutputRendering
        try {
            $PSStyle.OutputRendering = 'PlainText'
            # A table as an 80-column terminal shows it; a list as wide as the scratch fleet's longer paths need.
            $width = if ($expected -match '^-+ ') { 80 } else { 250 }
            $actual = ($output | Out-String -Width $width) -split '\r?\n'
        }
        finally { $PSStyle.OutputRendering = $saved }
        ConvertTo-Shape $actual | Should -Be (ConvertTo-Shape $expected)
    }
}
