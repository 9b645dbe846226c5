package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	in := bufio.NewReader(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	lo, hi := 1, 1000000000
	for lo <= hi {
		mid := (lo + hi) / 2
		fmt.Fprintln(out, mid)
		out.Flush()
		var reply string
		if _, err := fmt.Fscan(in, &reply); err != nil || reply == "correct" {
			return
		}
		if reply == "lower" {
			hi = mid - 1
		} else {
			lo = mid + 1
		}
	}
}
