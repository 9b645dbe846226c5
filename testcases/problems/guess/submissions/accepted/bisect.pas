program bisect;
var
  lo, hi, mid: int64;
  reply: string;
begin
  lo := 1;
  hi := 1000000000;
  while lo <= hi do
  begin
    mid := (lo + hi) div 2;
    writeln(mid);
    flush(output);
    if eof(input) then break;
    readln(reply);
    if reply = 'correct' then break;
    if reply = 'lower' then hi := mid - 1 else lo := mid + 1;
  end;
end.
