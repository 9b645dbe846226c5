// One program for every Go case; the first argument picks what it does.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"syscall"
)

func aplusb() {
	var a, b int64
	fmt.Scan(&a, &b)
	fmt.Println(a + b)
}

func sortInts() {
	in := bufio.NewReaderSize(os.Stdin, 1<<16)
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer out.Flush()
	readInt := func() int {
		n, neg := 0, false
		c, _ := in.ReadByte()
		for c == ' ' || c == '\n' || c == '\r' {
			c, _ = in.ReadByte()
		}
		if c == '-' {
			neg = true
			c, _ = in.ReadByte()
		}
		for c >= '0' && c <= '9' {
			n = n*10 + int(c-'0')
			c, _ = in.ReadByte()
		}
		if neg {
			return -n
		}
		return n
	}
	n := readInt()
	a := make([]int, n)
	for i := range a {
		a[i] = readInt()
	}
	sort.Ints(a)
	for _, x := range a {
		out.WriteString(strconv.Itoa(x))
		out.WriteByte('\n')
	}
}

func tle() {
	x := uint64(len(os.Args))
	for x != 0 {
		x = x*6364136223846793005 + 1
	}
	println(x)
}

// keeps every block alive and touched, 1 MiB at a time, past any limit
func mle() {
	var keep [][]byte
	for {
		b := make([]byte, 1<<20)
		for i := range b {
			b[i] = byte(len(keep)) | 1
		}
		keep = append(keep, b)
	}
}

func spawn() {
	cmd := exec.Command("/bin/sh", "-c", "echo PWNED > /tmp/judge-e2e-pwned")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	fmt.Println("PWNED", cmd.Run())
}

func socket() {
	c, err := net.Dial("tcp", "127.0.0.1:80")
	fmt.Println("PWNED", c, err)
}

// socket(AF_INET, SOCK_STREAM, 0) through the runtime's raw entry, below package net
func rawSyscall() {
	fd, _, errno := syscall.RawSyscall(syscall.SYS_SOCKET, syscall.AF_INET, syscall.SOCK_STREAM, 0)
	fmt.Println("PWNED", fd, errno)
}

func readSecret(paths []string) {
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrPermission) {
			continue
		}
		if err != nil {
			panic(err)
		}
		fmt.Print(string(b))
		return
	}
	fmt.Println("denied")
	os.Exit(42)
}

func writeFile(path string) {
	err := os.WriteFile(path, []byte("PWNED\n"), 0644)
	if errors.Is(err, fs.ErrPermission) {
		fmt.Println("denied")
		os.Exit(42)
	}
	if err != nil {
		panic(err)
	}
	fmt.Println("PWNED")
}

func main() {
	mode := ""
	if len(os.Args) > 1 {
		mode = os.Args[1]
	}
	switch mode {
	case "hello":
		fmt.Println("Hello, World!")
	case "aplusb":
		aplusb()
	case "sort":
		sortInts()
	case "tle":
		tle()
	case "mle":
		mle()
	case "spawn":
		spawn()
	case "socket":
		socket()
	case "raw-syscall":
		rawSyscall()
	case "read-secret":
		readSecret(os.Args[2:])
	case "write-file":
		writeFile(os.Args[2])
	default:
		fmt.Fprintln(os.Stderr, "unknown mode")
		os.Exit(1)
	}
}
