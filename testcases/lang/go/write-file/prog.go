package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

func main() {
	err := os.WriteFile(os.Args[1], []byte("PWNED\n"), 0644)
	if errors.Is(err, fs.ErrPermission) {
		fmt.Println("denied")
		os.Exit(42)
	}
	if err != nil {
		panic(err)
	}
	fmt.Println("PWNED")
}
