<#
.SYNOPSIS
    Restores a restore-only project (PackageDownload items) and says where each package landed.
.DESCRIPTION
    Versions are named in the project only. What is returned comes from the restore's own record
    (obj/project.assets.json): one object per package and target framework, with Name, Version, TargetFramework and
    Path (the package's folder in the NuGet packages folder).
.EXAMPLE
    $tools = & ./tools/Restore-BuildTools.ps1
    Join-Path ($tools | Where-Object Name -EQ 'Pester').Path 'tools/Pester.psd1'
#>
[CmdletBinding()]
param(
    # The project to restore; the build's own tools (Invoke-Build, Pester) by default.
    [string] $Project = (Join-Path $PSScriptRoot 'BuildTools/BuildTools.Restore.csproj'),

    # MSBuild properties for the restore, as Name=Value.
    [string[]] $Property = @()
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# A restore that has nothing to do still costs a second and a half of MSBuild start-up: skipped when the record
# in the usual place is newer than the project and was made with the same properties (else restore as usual).
$assetsFile = Join-Path (Split-Path $Project) 'obj/project.assets.json'
$stampFile = "$assetsFile.properties"
$fresh = (Test-Path -LiteralPath $assetsFile) -and (Test-Path -LiteralPath $stampFile) -and
    (Get-Item -LiteralPath $assetsFile).LastWriteTimeUtc -gt (Get-Item -LiteralPath $Project).LastWriteTimeUtc -and
    (Get-Content -Raw -LiteralPath $stampFile) -eq ($Property -join "`n")
if (-not $fresh) {
    $arguments = @('restore', $Project, '--nologo', '-v', 'quiet', '-getProperty:MSBuildProjectExtensionsPath') + @($Property | ForEach-Object { "-p:$_" })
    $assetsFile = Join-Path "$(& dotnet @arguments)".Trim() 'project.assets.json'
    if ($LASTEXITCODE -ne 0) { throw "Restoring '$Project' failed (exit code $LASTEXITCODE): see the errors above." }
    Set-Content -LiteralPath "$assetsFile.properties" -Value ($Property -join "`n") -NoNewline
}
$assets = Get-Content -Raw -LiteralPath $assetsFile | ConvertFrom-Json -AsHashtable
$packagesFolder = @($assets.packageFolders.Keys)[0]
foreach ($framework in $assets.project.frameworks.GetEnumerator()) {
    foreach ($download in @($framework.Value['downloadDependencies'] | Where-Object { $_ })) {
        # An exact version is written as a range of one: "[5.14.23, 5.14.23]".
        $version = $download.version -replace '^\[\s*([^,\]\s]+).*$', '$1'
        $package = [pscustomobject]@{
            Name            = $download.name
            Version         = $version
            TargetFramework = $framework.Key
            Path            = Join-Path $packagesFolder "$($download.name.ToLowerInvariant())/$($version.ToLowerInvariant())"
        }
        if (-not (Test-Path -LiteralPath $package.Path)) { throw "NuGet's record says $($package.Name) $($package.Version) is at '$($package.Path)', but it is not: delete '$assetsFile' and build again." }
        $package
    }
}
