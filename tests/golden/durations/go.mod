module gastown-deacon-durations

go 1.19
