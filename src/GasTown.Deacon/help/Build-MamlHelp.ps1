<#
.SYNOPSIS
    Generates the module's MAML help (GasTown.Deacon.dll-Help.xml) from the markdown beside this script and the
    built cmdlets' own metadata.
.DESCRIPTION
    Each <Cmdlet>.md holds the prose: SYNOPSIS, DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES, RELATED
    LINKS. Parameter types, positions, pipeline input, aliases and parameter sets come from the compiled cmdlets, so
    the help cannot drift from the code. Fails, naming what is missing, when a cmdlet has no help file, a parameter
    no description, or a section is empty. Run in a process of its own: it imports the built module.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutFile
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$mamlNs = 'http://schemas.microsoft.com/maml/2004/10'
$commandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$devNs = 'http://schemas.microsoft.com/maml/dev/2004/10'
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
# The last note of every cmdlet's help: there is nothing to update and nothing online.
$shipsWithModule = 'This help ships with the module (en-US/GasTown.Deacon.dll-Help.xml and the about_GasTown.Deacon topics): Update-Help is not needed and has nothing to download for it, and there is no online version.'
$shouldProcessHelp = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

# Get-Help prints text as it is: markdown's code spans, emphasis and links become plain text. A code span is taken
# first and kept as written, so a * or _ inside one (a wildcard, a variable) is never read as emphasis.
$markdownInline = [regex]'(?<code>`+)(?<codeText>.+?)\k<code>|\*\*(?<bold>.+?)\*\*|__(?<bold>.+?)__|\[(?<linkText>[^\]]+)\]\((?<uri>[^)\s]+)\)|(?<![\w*])\*(?=\S)(?<em>.+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)(?<em>.+?)(?<=\S)_(?![\w_])'
function ConvertTo-PlainText([string] $Text) {
    $markdownInline.Replace($Text, {
            param($m)
            if ($m.Groups['code'].Success) { $m.Groups['codeText'].Value.Trim() }
            elseif ($m.Groups['bold'].Success) { ConvertTo-PlainText $m.Groups['bold'].Value }
            elseif ($m.Groups['em'].Success) { ConvertTo-PlainText $m.Groups['em'].Value }
            elseif ($m.Groups['linkText'].Value -eq $m.Groups['uri'].Value) { $m.Groups['uri'].Value }
            else { "$(ConvertTo-PlainText $m.Groups['linkText'].Value) ($($m.Groups['uri'].Value))" }
        })
}

function Read-HelpMarkdown([string] $Path) {
    $doc = [ordered]@{ Synopsis = ''; Description = @(); Examples = @(); Parameters = [ordered]@{}; Inputs = [ordered]@{}; Outputs = [ordered]@{}; Notes = @(); Links = @() }
    $section = $null; $sub = $null; $buffer = [System.Collections.Generic.List[string]]::new(); $inCode = $false; $code = $null
    $flush = {
        $paras = @(($buffer -join "`n") -split "\n\s*\n" | ForEach-Object { ConvertTo-PlainText ($_ -replace '\s*\n\s*', ' ').Trim() } | Where-Object { $_ })
        $buffer.Clear()
        switch ($section) {
            'SYNOPSIS' { $doc.Synopsis = $paras -join ' ' }
            'DESCRIPTION' { $doc.Description = $paras }
            'NOTES' { $doc.Notes = $paras }
            'PARAMETERS' { if ($sub) { $doc.Parameters[$sub.TrimStart('-')] = $paras } }
            'INPUTS' { if ($sub) { $doc.Inputs[$sub] = $paras } }
            'OUTPUTS' { if ($sub) { $doc.Outputs[$sub] = $paras } }
            'EXAMPLES' { if ($sub) { $doc.Examples += [pscustomobject]@{ Title = $sub; Code = $code; Remarks = $paras } } }
        }
    }
    foreach ($line in [IO.File]::ReadAllLines($Path)) {
        if ($inCode) {
            if ($line -match '^```') { $inCode = $false } else { $code += $(if ($code) { "`n" } else { '' }) + $line }
            continue
        }
        if ($line -match '^```') { $inCode = $true; $code = ''; continue }
        if ($line -match '^## (.+)$') { & $flush; $section = $Matches[1].Trim(); $sub = $null; continue }
        if ($line -match '^### (.+)$') { & $flush; $sub = ConvertTo-PlainText $Matches[1].Trim(); $code = $null; continue }
        if ($line -match '^# ') { continue }
        if ($section -eq 'RELATED LINKS' -and $line -match '^- (.+)$') {
            $link = $Matches[1].Trim()
            $doc.Links += $(if ($link -match '^\[(?<text>[^\]]+)\]\((?<uri>[^)\s]+)\)$') { [pscustomobject]@{ Text = $Matches.text; Uri = $Matches.uri } } else { [pscustomobject]@{ Text = $link; Uri = '' } })
            continue
        }
        $buffer.Add($line)
    }
    & $flush
    $doc
}

function Write-Paras([System.Xml.XmlWriter] $Writer, [string[]] $Paras) {
    $Writer.WriteStartElement('maml', 'description', $mamlNs)
    foreach ($p in $Paras) { $Writer.WriteElementString('maml', 'para', $mamlNs, $p) }
    $Writer.WriteEndElement()
}

function Get-PipelineText($Attributes) {
    $kinds = @()
    if ($Attributes | Where-Object ValueFromPipeline) { $kinds += 'ByValue' }
    if ($Attributes | Where-Object ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Write-Parameter([System.Xml.XmlWriter] $Writer, [string] $Name, [type] $Type, [bool] $Required, [string] $Position,
    [string] $Pipeline, [string[]] $Aliases, [string[]] $Description, [string] $Default, [bool] $Globbing) {
    $Writer.WriteStartElement('command', 'parameter', $commandNs)
    $Writer.WriteAttributeString('required', $Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', $Type.IsArray.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', $Globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $Pipeline)
    $Writer.WriteAttributeString('position', $Position)
    $Writer.WriteAttributeString('aliases', $(if ($Aliases) { $Aliases -join ', ' } else { 'none' }))
    $Writer.WriteElementString('maml', 'name', $mamlNs, $Name)
    Write-Paras $Writer $Description
    if ($Type -ne [switch]) {
        $Writer.WriteStartElement('command', 'parameterValue', $commandNs)
        $Writer.WriteAttributeString('required', 'true')
        $Writer.WriteAttributeString('variableLength', $Type.IsArray.ToString().ToLowerInvariant())
        $Writer.WriteString($Type.Name)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $devNs)
    $Writer.WriteElementString('maml', 'name', $mamlNs, $Type.FullName)
    $Writer.WriteEndElement()
    $Writer.WriteElementString('dev', 'defaultValue', $devNs, $(if ($Default) { $Default } else { 'None' }))
    $Writer.WriteEndElement()
}

function Test-Wildcards($Command, [string] $Name) {
    $Name -in $Command.Parameters.Keys -and @($Command.Parameters[$Name].Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0
}

function Split-Default([string[]] $Paras) {
    $default = $null
    $text = @(foreach ($p in $Paras) { if ($p -match '^Default value:\s*(.+)$') { $default = $Matches[1] } else { $p } })
    [pscustomobject]@{ Text = $text; Default = $default }
}

$module = Import-Module $ModulePath -Force -PassThru
$sourceDir = $PSScriptRoot
$problems = [System.Collections.Generic.List[string]]::new()
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$null = New-Item -ItemType Directory -Force -Path (Split-Path $OutFile)
$writer = [System.Xml.XmlWriter]::Create($OutFile, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($name in ($module.ExportedCmdlets.Keys | Sort-Object)) {
        $command = Get-Command $name
        $source = Join-Path $sourceDir "$name.md"
        if (-not (Test-Path $source)) { $problems.Add("$name has no help file $source"); continue }
        $doc = Read-HelpMarkdown $source
        if (-not $doc.Synopsis) { $problems.Add("$name`: SYNOPSIS is empty") }
        if (-not $doc.Description) { $problems.Add("$name`: DESCRIPTION is empty") }
        if ($doc.Examples.Count -lt 2) { $problems.Add("$name`: fewer than two EXAMPLES") }
        if (-not $doc.Inputs.Count) { $problems.Add("$name`: INPUTS is empty") }
        if (-not $doc.Outputs.Count) { $problems.Add("$name`: OUTPUTS is empty") }
        if (-not $doc.Links) { $problems.Add("$name`: RELATED LINKS is empty") }
        $ownParameters = @($command.Parameters.Values | Where-Object { $_.Name -notin $common })
        foreach ($p in $ownParameters) {
            if (-not $doc.Parameters.Contains($p.Name) -or -not $doc.Parameters[$p.Name]) { $problems.Add("$name`: parameter -$($p.Name) has no description") }
        }
        foreach ($documented in $doc.Parameters.Keys) {
            if (-not $command.Parameters.ContainsKey($documented)) { $problems.Add("$name`: documents -$documented, which it does not have") }
        }
        $supportsShouldProcess = $command.Parameters.ContainsKey('WhatIf')
        $described = @{}
        foreach ($key in $doc.Parameters.Keys) { $described[$key] = $doc.Parameters[$key] }
        if ($supportsShouldProcess) { foreach ($k in $shouldProcessHelp.Keys) { $described[$k] = @($shouldProcessHelp[$k]) } }

        $writer.WriteStartElement('command', 'command', $commandNs)
        $writer.WriteAttributeString('xmlns', 'maml', $null, $mamlNs)
        $writer.WriteAttributeString('xmlns', 'dev', $null, $devNs)
        $writer.WriteStartElement('command', 'details', $commandNs)
        $writer.WriteElementString('command', 'name', $commandNs, $name)
        $writer.WriteElementString('command', 'verb', $commandNs, $command.Verb)
        $writer.WriteElementString('command', 'noun', $commandNs, $command.Noun)
        Write-Paras $writer @($doc.Synopsis)
        $writer.WriteEndElement()
        # Get-Help offers -Online whenever a command has related links, and -Online needs a URI: links without one
        # are named at the end of the description instead.
        $online = @($doc.Links | Where-Object Uri)
        $description = @($doc.Description) + @(if (-not $online) { "Related: $(($doc.Links | ForEach-Object Text) -join ', ')." })
        Write-Paras $writer $description

        $writer.WriteStartElement('command', 'syntax', $commandNs)
        foreach ($set in ($command.ParameterSets | Sort-Object { -not $_.IsDefault })) {
            $writer.WriteStartElement('command', 'syntaxItem', $commandNs)
            $writer.WriteElementString('maml', 'name', $mamlNs, $name)
            foreach ($p in ($set.Parameters | Sort-Object -Stable { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } } | Where-Object { $_.Name -notin $common -or ($supportsShouldProcess -and $_.Name -in 'WhatIf', 'Confirm') })) {
                $help = Split-Default $described[$p.Name]
                Write-Parameter $writer $p.Name $p.ParameterType $p.IsMandatory $(if ($p.Position -ge 0) { $p.Position } else { 'named' }) `
                    (Get-PipelineText @($p)) @($p.Aliases) $help.Text $help.Default (Test-Wildcards $command $p.Name)
            }
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        $writer.WriteStartElement('command', 'parameters', $commandNs)
        # Positional parameters first, in their positions (-TownRoot at 0), then the named ones as declared.
        $byPosition = { $position = @($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.Position -ge 0 } | ForEach-Object Position | Sort-Object)
            if ($position.Count) { $position[0] } else { [int]::MaxValue } }
        $documentedParameters = @($ownParameters | Sort-Object -Stable $byPosition) + @(if ($supportsShouldProcess) { $command.Parameters['WhatIf'], $command.Parameters['Confirm'] })
        foreach ($p in $documentedParameters) {
            $attributes = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
            $position = $null
            foreach ($a in $attributes) { if ($a.Position -ge 0) { $position = $a.Position; break } }
            $required = @($attributes | Where-Object Mandatory).Count -gt 0 -and @($attributes | Where-Object { -not $_.Mandatory }).Count -eq 0
            $help = Split-Default $described[$p.Name]
            Write-Parameter $writer $p.Name $p.ParameterType $required $(if ($null -ne $position) { $position } else { 'named' }) `
                (Get-PipelineText $attributes) @($p.Aliases) $help.Text $help.Default (Test-Wildcards $command $p.Name)
        }
        $writer.WriteEndElement()

        foreach ($kind in @(@{ Outer = 'inputTypes'; Inner = 'inputType'; Items = $doc.Inputs }, @{ Outer = 'returnValues'; Inner = 'returnValue'; Items = $doc.Outputs })) {
            $writer.WriteStartElement('command', $kind.Outer, $commandNs)
            foreach ($typeName in $kind.Items.Keys) {
                $writer.WriteStartElement('command', $kind.Inner, $commandNs)
                $writer.WriteStartElement('dev', 'type', $devNs)
                $writer.WriteElementString('maml', 'name', $mamlNs, $typeName)
                $writer.WriteEndElement()
                Write-Paras $writer $kind.Items[$typeName]
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()
        }

        $notes = @($doc.Notes) + $shipsWithModule
        if ($notes) {
            $writer.WriteStartElement('maml', 'alertSet', $mamlNs)
            $writer.WriteStartElement('maml', 'alert', $mamlNs)
            foreach ($p in $notes) { $writer.WriteElementString('maml', 'para', $mamlNs, $p) }
            $writer.WriteEndElement()
            $writer.WriteEndElement()
        }

        $writer.WriteStartElement('command', 'examples', $commandNs)
        foreach ($example in $doc.Examples) {
            $writer.WriteStartElement('command', 'example', $commandNs)
            $writer.WriteElementString('maml', 'title', $mamlNs, "---------- $($example.Title) ----------")
            $writer.WriteElementString('dev', 'code', $devNs, $example.Code)
            $writer.WriteStartElement('dev', 'remarks', $devNs)
            foreach ($p in $example.Remarks) { $writer.WriteElementString('maml', 'para', $mamlNs, $p) }
            $writer.WriteEndElement()
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        if ($online) {
            $writer.WriteStartElement('command', 'relatedLinks', $commandNs)
            foreach ($link in $doc.Links) {
                $writer.WriteStartElement('maml', 'navigationLink', $mamlNs)
                $writer.WriteElementString('maml', 'linkText', $mamlNs, $link.Text)
                $writer.WriteElementString('maml', 'uri', $mamlNs, $link.Uri)
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally { $writer.Dispose() }

if ($problems.Count) {
    Remove-Item $OutFile -ErrorAction Ignore
    throw "Help is incomplete:`n  $($problems -join "`n  ")"
}
Write-Host "Help written to $OutFile"
