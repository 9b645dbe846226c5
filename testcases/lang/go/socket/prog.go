package main

import (
	"fmt"
	"net"
)

func main() {
	c, err := net.Dial("tcp", "127.0.0.1:80")
	fmt.Println("PWNED", c, err)
}
