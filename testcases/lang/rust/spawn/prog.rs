use std::process::Command;

fn main() {
    let r = Command::new("/bin/sh").arg("-c").arg("echo PWNED > /tmp/judge-e2e-pwned").status();
    println!("PWNED {:?}", r);
}
