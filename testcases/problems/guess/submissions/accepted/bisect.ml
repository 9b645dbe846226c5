let () =
  let rec go lo hi =
    if lo <= hi then begin
      let mid = (lo + hi) / 2 in
      print_int mid;
      print_newline ();
      match input_line stdin with
      | exception End_of_file -> ()
      | "correct" -> ()
      | "lower" -> go lo (mid - 1)
      | _ -> go (mid + 1) hi
    end
  in
  go 1 1000000000
