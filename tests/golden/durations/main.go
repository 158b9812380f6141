// Command durations runs Go's own time.ParseDuration over inputs.json (a JSON array of strings) and writes, for
// each input, the nanoseconds it gives or the error it returns: the expected results of GoDuration's tests.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"time"
)

type result struct {
	Input       string `json:"input"`
	Nanoseconds *int64 `json:"nanoseconds,omitempty"`
	Error       string `json:"error,omitempty"`
}

func main() {
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	var inputs []string
	if err := json.Unmarshal(raw, &inputs); err != nil {
		panic(err)
	}
	results := make([]result, 0, len(inputs))
	for _, in := range inputs {
		d, err := time.ParseDuration(in)
		if err != nil {
			results = append(results, result{Input: in, Error: err.Error()})
			continue
		}
		ns := int64(d)
		results = append(results, result{Input: in, Nanoseconds: &ns})
	}
	out, err := json.MarshalIndent(results, "", "  ")
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
}
