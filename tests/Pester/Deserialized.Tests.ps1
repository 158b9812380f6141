BeforeAll {
    Import-Module $env:DEACON_MODULE -Force
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $module = $env:DEACON_MODULE
    $town = New-TestTown (Join-Path $TestDrive 'alpha')
    # Far enough in the past that the age reads in days and hours, the same in the job a moment later.
    $action = 'patrol: 4 witnesses checked, refinery restarted after a crash loop'
    $null = Write-DeaconHeartbeat $town -Timestamp '2025-12-01T10:53:56.1234567Z' -Cycle 41 -LastAction $action -HealthyAgents 4 -UnhealthyAgents 1
    $live = Get-DeaconHeartbeat $town
    # A job is a child process whose heartbeats come back serialized; its culture writes dates its own way.
    $fromJob = Start-Job { [cultureinfo]::CurrentCulture = 'sv-SE'; Import-Module $using:module; Get-DeaconHeartbeat $using:town } |
        Receive-Job -Wait -AutoRemoveJob
    $savedRendering = $PSStyle.OutputRendering
    $PSStyle.OutputRendering = 'PlainText'

    # The default table's lines, the Age column (after Town and Status) blanked: ages are read moments apart.
    function Get-TableRows($Heartbeat) {
        @(($Heartbeat | Out-String -Width 80) -split '\r?\n' | Where-Object { $_.Trim() } | ForEach-Object { $_.PadRight(35).Remove(27, 8).Insert(27, ' ' * 8) })
    }
}

AfterAll { $PSStyle.OutputRendering = $savedRendering }

Describe 'A heartbeat from Start-Job' {
    It 'arrives as a Deserialized.GasTown.Deacon.Heartbeat with every field' {
        $fromJob.PSObject.TypeNames[0] | Should -Be 'Deserialized.GasTown.Deacon.Heartbeat'
        foreach ($name in 'TownRoot', 'Path', 'TimestampUtc', 'Cycle', 'LastAction', 'HealthyAgents', 'UnhealthyAgents', 'Status', 'ShouldPoke') {
            "$($fromJob.$name)" | Should -BeExactly "$($live.$name)" -Because $name
        }
        $fromJob.Age | Should -BeOfType [timespan]
        $fromJob.AgeSeconds | Should -BeGreaterOrEqual $live.AgeSeconds
    }

    It 'gets back an exact DateTimeOffset Timestamp, though DateTimeOffset does not serialize' {
        $fromJob.Timestamp | Should -BeOfType [DateTimeOffset]
        $fromJob.Timestamp.UtcTicks | Should -Be $live.Timestamp.UtcTicks
        $fromJob.TimestampUtc | Should -BeExactly '2025-12-01T10:53:56.1234567Z'
    }

    It 'shows the same default table as a live heartbeat, within 80 columns' {
        $jobRows = Get-TableRows $fromJob
        $liveRows = Get-TableRows $live
        $jobRows[0] | Should -BeExactly $liveRows[0]
        $jobRows[2] | Should -BeExactly $liveRows[2]
        $jobRows[2] | Should -Match '^\S*/alpha\s+VeryStale\s+41\s+4\s+1 patrol: 4 witness'
        ($fromJob | Out-String -Width 80) | Should -Match 'VeryStale\s+\d+d \d+h\s+41\s' 
        $jobRows | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'shows the exact timestamp and the full town root in the list view' {
        $text = $fromJob | Format-List | Out-String -Width 200
        $text | Should -Match '(?m)^Timestamp\s*: 2025-12-01T10:53:56\.1234567Z$'
        $text | Should -Match "(?m)^TownRoot\s*: $([regex]::Escape($town))$"
        $text | Should -Match '(?m)^Status\s*: VeryStale$'
    }

    It 'keeps its Timestamp when sent on again (Receive-Job, then Export-Clixml and Import-Clixml)' {
        $file = Join-Path $TestDrive 'again.clixml'
        $fromJob | Export-Clixml $file
        $again = Import-Clixml $file
        $again.Timestamp | Should -BeOfType [DateTimeOffset]
        $again.Timestamp.UtcTicks | Should -Be $live.Timestamp.UtcTicks
        (Get-TableRows $again)[2] | Should -BeExactly (Get-TableRows $live)[2]
    }

    It 'is written back by Write-DeaconHeartbeat, byte for byte' {
        $target = New-TestTown (Join-Path $TestDrive 'copy-from-job')
        $copy = $fromJob | Write-DeaconHeartbeat -TownRoot $target
        $copy | Should -BeOfType GasTown.Deacon.Heartbeat
        Get-HeartbeatText $target | Should -BeExactly (Get-HeartbeatText $town)
    }

    It 'is written back to its own town by Write-DeaconHeartbeat without -TownRoot' {
        $own = New-TestTown (Join-Path $TestDrive 'own')
        $null = Write-DeaconHeartbeat $own -Timestamp '2025-12-01T10:00:00.5Z' -Cycle 9 -LastAction 'mine'
        $before = Get-HeartbeatText $own
        $serialized = Start-Job { Import-Module $using:module; Get-DeaconHeartbeat $using:own } | Receive-Job -Wait -AutoRemoveJob
        Remove-Item (Get-HeartbeatFilePath $own)
        $null = $serialized | Write-DeaconHeartbeat
        Get-HeartbeatText $own | Should -BeExactly $before
    }
}

Describe 'A heartbeat from Import-Clixml' {
    It 'shows the same default table and an exact Timestamp' {
        $file = Join-Path $TestDrive 'live.clixml'
        $live | Export-Clixml $file
        $imported = Import-Clixml $file
        $imported.PSObject.TypeNames[0] | Should -Be 'Deserialized.GasTown.Deacon.Heartbeat'
        $imported.Timestamp.UtcTicks | Should -Be $live.Timestamp.UtcTicks
        (Get-TableRows $imported)[2] | Should -BeExactly (Get-TableRows $live)[2]
    }

    It 'keeps Status a status that prints, compares and filters by name' {
        $file = Join-Path $TestDrive 'status.clixml'
        $live | Export-Clixml $file
        $imported = Import-Clixml $file
        "$($imported.Status)" | Should -BeExactly "$($live.Status)"
        $imported.Status -eq $live.Status.ToString() | Should -BeTrue
        @($imported | Where-Object Status -eq $live.Status.ToString()).Count | Should -Be 1
        @($imported | Where-Object Status -ne $live.Status.ToString()).Count | Should -Be 0
    }

    It 'sends every public property of Heartbeat but Timestamp and PausedAt, which TimestampUtc and PausedAtUtc carry' {
        $sent = (Get-TypeData GasTown.Deacon.Heartbeat).PropertySerializationSet.ReferencedProperties
        $public = [GasTown.Deacon.Heartbeat].GetProperties().Name | Where-Object { $_ -notin 'Timestamp', 'PausedAt' }
        @($sent | Sort-Object) | Should -Be @($public | Sort-Object) -Because 'a property missing from GasTown.Deacon.types.ps1xml is lost by Start-Job, remoting and Export-Clixml'
        (Get-TypeData Deserialized.GasTown.Deacon.Heartbeat).PropertySerializationSet.ReferencedProperties | Should -Be $sent
    }

    It 'is shown by the views of both type names' {
        foreach ($typeName in 'GasTown.Deacon.Heartbeat', 'Deserialized.GasTown.Deacon.Heartbeat') {
            $views = (Get-FormatData -TypeName $typeName).FormatViewDefinition
            $views.Name | Should -Contain 'GasTown.Deacon.Heartbeat' -Because $typeName
            $views.Name | Should -Contain 'GasTown.Deacon.Heartbeat.List' -Because $typeName
        }
    }
}

Describe 'Heartbeats for machines, under a culture with its own date and number formats' {
    BeforeAll {
        $savedCulture = [cultureinfo]::CurrentCulture
        [cultureinfo]::CurrentCulture = 'sv-SE'
    }
    AfterAll { [cultureinfo]::CurrentCulture = $savedCulture }

    It 'are written by Export-Csv with TimestampUtc and AgeSeconds that parse back exactly' {
        $csv = Join-Path $TestDrive 'fleet.csv'
        $live | Export-Csv -Path $csv
        $row = Import-Csv $csv
        $row.TimestampUtc | Should -BeExactly '2025-12-01T10:53:56.1234567Z'
        [DateTimeOffset]::Parse($row.TimestampUtc, [cultureinfo]::InvariantCulture).UtcTicks | Should -Be $live.Timestamp.UtcTicks
        $row.AgeSeconds | Should -Match '^\d+$'
        [long]$row.AgeSeconds | Should -Be $live.AgeSeconds
    }

    It 'are written by ConvertTo-Json with TimestampUtc and AgeSeconds' {
        $json = $live | ConvertTo-Json | ConvertFrom-Json -DateKind String
        $json.TimestampUtc | Should -BeExactly '2025-12-01T10:53:56.1234567Z'
        $json.AgeSeconds | Should -Be $live.AgeSeconds
        $live.AgeSeconds | Should -Be ([long][math]::Truncate($live.Age.TotalSeconds))
    }
}

Describe 'A heartbeat through Export-Csv and Import-Csv' {
    It 'writes an object carrying the fields by name, such as one read back from CSV' {
        $target = New-TestTown (Join-Path $TestDrive 'from-csv')
        $csv = Join-Path $TestDrive 'one.csv'
        $live | Export-Csv -Path $csv
        $null = Import-Csv $csv | Write-DeaconHeartbeat -TownRoot $target
        Get-HeartbeatText $target | Should -BeExactly (Get-HeartbeatText $town)
    }
}
