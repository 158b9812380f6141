module gastown-deacon-golden

go 1.19
