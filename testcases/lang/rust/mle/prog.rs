// keeps every block alive and touched, 1 MiB at a time, past any limit
fn main() {
    let mut keep: Vec<Vec<u8>> = Vec::new();
    loop {
        let n = keep.len() as u8;
        keep.push(vec![n | 1; 1 << 20]);
    }
}
