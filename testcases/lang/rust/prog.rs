// One program for every Rust case; the first argument picks what it does.
use std::io::{self, ErrorKind, Read, Write};

fn hello() {
    println!("Hello, World!");
}

fn aplusb() {
    let mut s = String::new();
    io::stdin().read_to_string(&mut s).unwrap();
    let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect();
    println!("{}", v[0] + v[1]);
}

fn sort() {
    let mut s = String::new();
    io::stdin().read_to_string(&mut s).unwrap();
    let mut it = s.split_ascii_whitespace().map(|x| x.parse::<i64>().unwrap());
    let n = it.next().unwrap() as usize;
    let mut a: Vec<i64> = it.take(n).collect();
    a.sort_unstable();
    let out = io::stdout();
    let mut w = io::BufWriter::new(out.lock());
    for x in a {
        writeln!(w, "{}", x).unwrap();
    }
}

fn tle() {
    let mut x: u64 = std::env::args().count() as u64;
    loop {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
        unsafe { std::ptr::write_volatile(&mut x, x) };
    }
}

// keeps every block alive and touched, 1 MiB at a time, past any limit
fn mle() {
    let mut keep: Vec<Vec<u8>> = Vec::new();
    loop {
        let n = keep.len() as u8;
        keep.push(vec![n | 1; 1 << 20]);
    }
}

fn spawn() {
    let r = std::process::Command::new("/bin/sh").arg("-c").arg("echo PWNED > /tmp/judge-e2e-pwned").status();
    println!("PWNED {:?}", r);
}

fn socket() {
    let r = std::net::TcpStream::connect("127.0.0.1:80");
    println!("PWNED {:?}", r);
}

// socket(AF_INET, SOCK_STREAM, 0) straight from inline assembly: no libc, no std
fn raw_syscall() {
    let ret: i64;
    unsafe {
        std::arch::asm!("syscall", inlateout("rax") 41i64 => ret, in("rdi") 2i64, in("rsi") 1i64,
                        in("rdx") 0i64, lateout("rcx") _, lateout("r11") _, options(nostack));
    }
    println!("PWNED {}", ret);
}

fn read_secret(paths: &[String]) {
    for path in paths {
        match std::fs::read_to_string(path) {
            Ok(s) => {
                println!("{}", s);
                return;
            }
            Err(e) if e.kind() == ErrorKind::PermissionDenied => continue,
            Err(e) => panic!("{}", e),
        }
    }
    println!("denied");
    std::process::exit(42);
}

fn write_file(path: &str) {
    match std::fs::File::create(path) {
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

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("hello") => hello(),
        Some("aplusb") => aplusb(),
        Some("sort") => sort(),
        Some("tle") => tle(),
        Some("mle") => mle(),
        Some("spawn") => spawn(),
        Some("socket") => socket(),
        Some("raw-syscall") => raw_syscall(),
        Some("read-secret") => read_secret(&args[2..]),
        Some("write-file") => write_file(&args[2]),
        _ => {
            eprintln!("unknown mode");
            std::process::exit(1);
        }
    }
}
