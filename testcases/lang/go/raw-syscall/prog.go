package main

import (
	"fmt"
	"syscall"
)

// socket(AF_INET, SOCK_STREAM, 0) through the runtime's raw entry, below package net
func main() {
	fd, _, errno := syscall.RawSyscall(syscall.SYS_SOCKET, syscall.AF_INET, syscall.SOCK_STREAM, 0)
	fmt.Println("PWNED", fd, errno)
}
