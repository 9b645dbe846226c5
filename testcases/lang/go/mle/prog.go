package main

// keeps every block alive and touched, 1 MiB at a time, past any limit
func main() {
	var keep [][]byte
	for {
		b := make([]byte, 1<<20)
		for i := range b {
			b[i] = byte(len(keep)) | 1
		}
		keep = append(keep, b)
	}
}
