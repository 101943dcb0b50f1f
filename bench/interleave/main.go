// Command interleave times git's word diff and one or more parley binaries
// on the same two files, in turns, and prints each one's median wall time
// and processor time (user and system, from the kernel's accounting of the
// child). Running them in turns lets a change in the machine's load fall on
// all alike; the processor time shows work that two cores hide.
//
//	go run ./bench/interleave -n 40 OLD NEW git ./parley-before ./parley-after
//
// "git" stands for git diff --no-index --word-diff=porcelain OLD NEW; any
// other argument is a parley binary, run as BINARY compare OLD NEW --format json.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 21, "runs of each command")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: interleave [-n RUNS] OLD NEW git|PARLEY_BINARY...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() < 3 || *n < 1 {
		flag.Usage()
		os.Exit(2)
	}
	old, new, tools := flag.Arg(0), flag.Arg(1), flag.Args()[2:]
	wall := make([][]time.Duration, len(tools))
	cpu := make([][]time.Duration, len(tools))
	faults := make([][]time.Duration, len(tools)) // counts, kept as durations to share median
	for range *n {
		for k, tool := range tools {
			r, err := run(tool, old, new)
			if err != nil {
				fmt.Fprintf(os.Stderr, "interleave: %s: %v\n", tool, err)
				os.Exit(1)
			}
			wall[k], cpu[k] = append(wall[k], r.wall), append(cpu[k], r.cpu)
			faults[k] = append(faults[k], time.Duration(r.faults))
		}
	}
	for k, tool := range tools {
		fmt.Printf("%-28s wall %6.1f ms  processor %6.1f ms  page faults %6d\n", tool, ms(median(wall[k])), ms(median(cpu[k])), int64(median(faults[k])))
	}
}

// result is what one run of a tool measured.
type result struct {
	wall, cpu time.Duration
	faults    int64 // minor page faults
}

// run runs one tool once, its output discarded, and returns what it
// measured. git exits 1 when the files differ, which is no error.
func run(tool, old, new string) (result, error) {
	cmd := exec.Command(tool, "compare", old, new, "--format", "json")
	if tool == "git" {
		cmd = exec.Command("git", "diff", "--no-index", "--word-diff=porcelain", old, new)
	}
	cmd.Stderr = os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if ee, ok := err.(*exec.ExitError); ok && tool == "git" && ee.ExitCode() == 1 {
		err = nil
	}
	if err != nil {
		return result{}, err
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return result{wall: wall}, nil
	}
	return result{wall: wall, cpu: time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), faults: ru.Minflt}, nil
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
