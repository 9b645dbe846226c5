use std::io::{ErrorKind, Write};

fn main() {
    let path = std::env::args().nth(1).unwrap();
    match std::fs::File::create(&path) {
        Ok(mut f) => {
            writeln!(f, "PWNED").unwrap();
            println!("PWNED");
        }
        Err(e) if e.kind() == ErrorKind::PermissionDenied => {
            println!("denied");
            std::process::exit(42);
        }
        Err(e) => panic!("{}", e),
    }
}
