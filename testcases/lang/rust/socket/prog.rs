use std::net::TcpStream;

fn main() {
    let r = TcpStream::connect("127.0.0.1:80");
    println!("PWNED {:?}", r);
}
