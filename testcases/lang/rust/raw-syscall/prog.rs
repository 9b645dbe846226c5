// socket(AF_INET, SOCK_STREAM, 0) straight from inline assembly: no libc, no std
use std::arch::asm;

fn main() {
    let ret: i64;
    unsafe {
        asm!("syscall", inlateout("rax") 41i64 => ret, in("rdi") 2i64, in("rsi") 1i64,
             in("rdx") 0i64, lateout("rcx") _, lateout("r11") _, options(nostack));
    }
    println!("PWNED {}", ret);
}
