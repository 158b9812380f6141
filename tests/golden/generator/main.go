// Command golden runs Gas Town's reference heartbeat code (copied in as package deacon by generate.sh) over
// the project's test inputs and records exactly what it writes and what it accepts.
//
//	golden write <cases.json> <outDir>   one <name>.json per case, as deacon.WriteHeartbeat writes it
//	golden read  <inputDir>   <outDir>   per input: <name>.json, deacon.ReadHeartbeat's result re-marshalled,
//	                                     or <name>.rejected holding json.Unmarshal's error
//	golden foldtable <outFile> -         every rune above U+007F that encoding/json folds into ASCII when it
//	                                     matches a key to a field without regard to case
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"gastown-deacon-golden/deacon"
)

type writeCase struct {
	Name            string `json:"name"`
	Timestamp       string `json:"timestamp"`
	Cycle           int64  `json:"cycle"`
	LastAction      string `json:"last_action"`
	HealthyAgents   int    `json:"healthy_agents"`
	UnhealthyAgents int    `json:"unhealthy_agents"`
}

func main() {
	if len(os.Args) != 4 {
		fail(fmt.Errorf("usage: golden write|read <in> <outDir>"))
	}
	var err error
	switch os.Args[1] {
	case "write":
		err = writeCases(os.Args[2], os.Args[3])
	case "read":
		err = readInputs(os.Args[2], os.Args[3])
	case "foldtable":
		err = foldTable(os.Args[2])
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[1])
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "golden:", err)
	os.Exit(1)
}

func writeCases(casesFile, outDir string) error {
	data, err := os.ReadFile(casesFile)
	if err != nil {
		return err
	}
	var cases []writeCase
	if err := json.Unmarshal(data, &cases); err != nil {
		return err
	}
	for _, c := range cases {
		ts, err := time.Parse(time.RFC3339Nano, c.Timestamp)
		if err != nil {
			return fmt.Errorf("case %s: %w", c.Name, err)
		}
		town, err := os.MkdirTemp("", "golden-town-")
		if err != nil {
			return err
		}
		hb := &deacon.Heartbeat{Timestamp: ts, Cycle: c.Cycle, LastAction: c.LastAction,
			HealthyAgents: c.HealthyAgents, UnhealthyAgents: c.UnhealthyAgents}
		if err := deacon.WriteHeartbeat(town, hb); err != nil {
			return err
		}
		written, err := os.ReadFile(deacon.HeartbeatFile(town))
		if err != nil {
			return err
		}
		os.RemoveAll(town)
		if err := os.WriteFile(filepath.Join(outDir, c.Name+".json"), written, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func readInputs(inputDir, outDir string) error {
	entries, err := os.ReadDir(inputDir)
	if err != nil {
		return err
	}
	names := []string{}
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	for _, file := range names {
		input, err := os.ReadFile(filepath.Join(inputDir, file))
		if err != nil {
			return err
		}
		town, err := os.MkdirTemp("", "golden-town-")
		if err != nil {
			return err
		}
		os.MkdirAll(filepath.Dir(deacon.HeartbeatFile(town)), 0o755)
		if err := os.WriteFile(deacon.HeartbeatFile(town), input, 0o644); err != nil {
			return err
		}
		hb := deacon.ReadHeartbeat(town)
		os.RemoveAll(town)
		name := strings.TrimSuffix(file, filepath.Ext(file))
		if hb == nil {
			var probe deacon.Heartbeat
			reason := "rejected"
			if err := json.Unmarshal(input, &probe); err != nil {
				reason = err.Error()
			}
			if err := os.WriteFile(filepath.Join(outDir, name+".rejected"), []byte(reason+"\n"), 0o644); err != nil {
				return err
			}
			continue
		}
		out, err := json.MarshalIndent(hb, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(outDir, name+".json"), out, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// goFold is the rune encoding/json (fold.go, foldRune, Go 1.21 and later) folds r to when it compares a key with a
// field name: follow unicode.SimpleFold upwards from r until it wraps around, and take the rune it wraps to.
func goFold(r rune) rune {
	for {
		next := unicode.SimpleFold(r)
		if next <= r {
			return next
		}
		r = next
	}
}

type foldEntry struct {
	Rune   string `json:"rune"`
	Folded string `json:"folded"`
}

func foldTable(outFile string) error {
	entries := []foldEntry{}
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if f := goFold(r); f < 0x80 {
			entries = append(entries, foldEntry{fmt.Sprintf("U+%04X", r), string(f)})
		}
	}
	out, err := json.MarshalIndent(map[string]any{"unicode": unicode.Version, "runes": entries}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(outFile, append(out, '\n'), 0o644)
}
