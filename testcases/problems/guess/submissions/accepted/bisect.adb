--  Bisection over 1 .. 10**9: each reply halves what is left.
with Ada.Strings; use Ada.Strings;
with Ada.Strings.Fixed; use Ada.Strings.Fixed;
with Ada.Text_IO; use Ada.Text_IO;

procedure Bisect is
   Lo  : Long_Long_Integer := 1;
   Hi  : Long_Long_Integer := 1_000_000_000;
   Mid : Long_Long_Integer;
begin
   while Lo <= Hi loop
      Mid := (Lo + Hi) / 2;
      Put_Line (Trim (Long_Long_Integer'Image (Mid), Left));
      Flush;
      exit when End_Of_File;
      declare
         Reply : constant String := Get_Line;
      begin
         exit when Reply = "correct";
         if Reply = "lower" then
            Hi := Mid - 1;
         else
            Lo := Mid + 1;
         end if;
      end;
   end loop;
end Bisect;
