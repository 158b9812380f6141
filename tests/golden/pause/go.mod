module gastown-deacon-pause-golden

go 1.19
