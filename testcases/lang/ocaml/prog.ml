(* One program for every OCaml case; the first argument picks what it does. *)
let () =
  let mode = if Array.length Sys.argv > 1 then Sys.argv.(1) else "" in
  match mode with
  | "hello" -> print_endline "Hello, World!"
  | "aplusb" -> Scanf.scanf " %d %d" (fun a b -> Printf.printf "%d\n" (a + b))
  | "sort" ->
    let n = Scanf.scanf " %d" (fun x -> x) in
    let v = Array.init n (fun _ -> Scanf.scanf " %d" (fun x -> x)) in
    Array.sort compare v;
    let b = Buffer.create (12 * n) in
    Array.iter (fun x -> Buffer.add_string b (string_of_int x); Buffer.add_char b '\n') v;
    print_string (Buffer.contents b)
  | "tle" ->
    let i = ref 0 in
    while true do i := (!i + 1) mod 7 done
  | "mle" ->
    (* keeps every block alive and touched, 1 MiB at a time *)
    let blocks = ref [] in
    while true do blocks := Bytes.make (1 lsl 20) 'x' :: !blocks done
  | "spawn" ->
    ignore (Sys.command "echo PWNED > /tmp/judge-e2e-pwned");
    print_endline "PWNED"
  | "socket" ->
    let s = Unix.socket Unix.PF_INET Unix.SOCK_STREAM 0 in
    Unix.connect s (Unix.ADDR_INET (Unix.inet_addr_loopback, 80));
    print_endline "PWNED"
  | "fork" ->
    (* the Unix library's own fork, with no shell in between *)
    let pid = Unix.fork () in
    Printf.printf "PWNED: fork returned %d\n" pid
  | "write" ->
    (try
       let oc = open_out Sys.argv.(2) in
       output_string oc "PWNED\n"; close_out oc; print_endline "PWNED"
     with Sys_error _ -> print_endline "denied"; exit 42)
  | "read" ->
    for i = 2 to Array.length Sys.argv - 1 do
      try
        let ic = open_in Sys.argv.(i) in
        print_endline (input_line ic); exit 0
      with Sys_error _ -> ()
    done;
    print_endline "denied"; exit 42
  | _ -> prerr_endline "unknown mode"; exit 1
