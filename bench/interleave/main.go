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
	for range *n {
		for k, tool := range tools {
			w, c, err := run(tool, old, new)
			if err != nil {
				fmt.Fprintf(os.Stderr, "interleave: %s: %v\n", tool, err)
				os.Exit(1)
			}
			wall[k], cpu[k] = append(wall[k], w), append(cpu[k], c)
		}
	}
	for k, tool := range tools {
		fmt.Printf("%-28s wall %6.1f ms  processor %6.1f ms\n", tool, ms(median(wall[k])), ms(median(cpu[k])))
	}
}

// run runs one tool once, its output discarded, and returns its wall time
// and processor time. git exits 1 when the files differ, which is no error.
func run(tool, old, new string) (time.Duration, time.Duration, error) {
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
		return 0, 0, err
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return wall, 0, nil
	}
	return wall, time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), nil
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
