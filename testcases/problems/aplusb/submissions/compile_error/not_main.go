// A library package, not a program: compile error, never an archive to run.
package sum

import "fmt"

func main() {
	var a, b int64
	fmt.Scan(&a, &b)
	fmt.Println(a + b)
}
