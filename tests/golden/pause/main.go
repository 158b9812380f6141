// Command pausegolden runs Gas Town's own Pause and IsPaused (pause.go, copied in as package deacon by
// generate.sh, its clock made settable) over the project's test inputs and records exactly what they write and
// what they accept.
//
//	pausegolden write <cases.json> <outDir>   one <name>.json per case, the bytes deacon.Pause wrote, and
//	                                          modes.json: the modes Pause gave the file and its directories
//	pausegolden read  <inputDir>   <outDir>   per input: <name>.json, deacon.IsPaused's state re-marshalled,
//	                                          or <name>.rejected holding its error
//	pausegolden check <town>                  prints what deacon.IsPaused makes of a town's pause file
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"gastown-deacon-pause-golden/deacon"
)

type writeCase struct {
	Name     string `json:"name"`
	Now      string `json:"now"`
	Reason   string `json:"reason"`
	PausedBy string `json:"paused_by"`
}

func main() {
	var err error
	switch {
	case len(os.Args) == 4 && os.Args[1] == "write":
		err = writeCases(os.Args[2], os.Args[3])
	case len(os.Args) == 4 && os.Args[1] == "read":
		err = readInputs(os.Args[2], os.Args[3])
	case len(os.Args) == 3 && os.Args[1] == "check":
		err = check(os.Args[2])
	default:
		err = fmt.Errorf("usage: pausegolden write|read <in> <outDir> | check <town>")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "pausegolden:", err)
		os.Exit(1)
	}
}

func mode(path string) (string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%04o", info.Mode().Perm()), nil
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
	modes := map[string]string{}
	for _, c := range cases {
		now, err := time.Parse(time.RFC3339Nano, c.Now)
		if err != nil {
			return fmt.Errorf("case %s: %w", c.Name, err)
		}
		town, err := os.MkdirTemp("", "pause-golden-town-")
		if err != nil {
			return err
		}
		deacon.Clock = func() time.Time { return now }
		if err := deacon.Pause(town, c.Reason, c.PausedBy); err != nil {
			return err
		}
		written, err := os.ReadFile(deacon.GetPauseFile(town))
		if err != nil {
			return err
		}
		// Go must read back what it wrote, with the same values.
		paused, state, err := deacon.IsPaused(town)
		if err != nil || !paused || state.Reason != c.Reason || state.PausedBy != c.PausedBy || !state.PausedAt.Equal(now) {
			return fmt.Errorf("case %s: IsPaused read back %v %+v %v", c.Name, paused, state, err)
		}
		if len(modes) == 0 {
			for key, path := range map[string]string{
				"file":        deacon.GetPauseFile(town),
				"deacon_dir":  filepath.Dir(deacon.GetPauseFile(town)),
				"runtime_dir": filepath.Join(town, ".runtime"),
			} {
				if modes[key], err = mode(path); err != nil {
					return err
				}
			}
			// Pausing again over a file someone made 0644 keeps its mode: os.WriteFile truncates, it does not chmod.
			if err := os.Chmod(deacon.GetPauseFile(town), 0o644); err != nil {
				return err
			}
			if err := deacon.Pause(town, c.Reason, c.PausedBy); err != nil {
				return err
			}
			if modes["existing_file_after_pause"], err = mode(deacon.GetPauseFile(town)); err != nil {
				return err
			}
		}
		if err := deacon.Resume(town); err != nil {
			return err
		}
		if err := deacon.Resume(town); err != nil {
			return fmt.Errorf("resuming a town that is not paused: %w", err)
		}
		os.RemoveAll(town)
		if err := os.WriteFile(filepath.Join(outDir, c.Name+".json"), written, 0o644); err != nil {
			return err
		}
	}
	out, err := json.MarshalIndent(modes, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(outDir, "modes.json"), append(out, '\n'), 0o644)
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
		town, err := os.MkdirTemp("", "pause-golden-town-")
		if err != nil {
			return err
		}
		os.MkdirAll(filepath.Dir(deacon.GetPauseFile(town)), 0o755)
		if err := os.WriteFile(deacon.GetPauseFile(town), input, 0o600); err != nil {
			return err
		}
		paused, state, err := deacon.IsPaused(town)
		os.RemoveAll(town)
		name := strings.TrimSuffix(file, filepath.Ext(file))
		if err != nil {
			if err := os.WriteFile(filepath.Join(outDir, name+".rejected"), []byte(err.Error()+"\n"), 0o644); err != nil {
				return err
			}
			continue
		}
		if paused != state.Paused {
			return fmt.Errorf("%s: IsPaused said %v, its state %v", name, paused, state.Paused)
		}
		out, err := json.MarshalIndent(state, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(outDir, name+".json"), out, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func check(town string) error {
	paused, state, err := deacon.IsPaused(town)
	if err != nil {
		return err
	}
	if state == nil {
		fmt.Println("not paused (no pause file)")
		return nil
	}
	fmt.Printf("paused=%v reason=%q paused_by=%q paused_at=%s\n", paused, state.Reason, state.PausedBy, state.PausedAt.Format(time.RFC3339Nano))
	return nil
}
