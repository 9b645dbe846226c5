--  One program for every Ada case; the first argument picks what it does.
with Ada.Command_Line;     use Ada.Command_Line;
with Ada.Text_IO;          use Ada.Text_IO;
with Ada.Text_IO.Text_Streams;
with Ada.Integer_Text_IO;
with Ada.Long_Integer_Text_IO;
with Ada.Containers.Generic_Array_Sort;
with GNAT.OS_Lib;
with GNAT.Sockets;
with Interfaces.C;

procedure Prog is
   Mode : constant String := (if Argument_Count > 0 then Argument (1) else "");

   type Int_Array is array (Positive range <>) of Integer;
   procedure Sort is new Ada.Containers.Generic_Array_Sort (Positive, Integer, Int_Array);

   type Block is array (1 .. 1024 * 1024) of Character;
   type Block_Access is access Block;

   function Syscall (N : Interfaces.C.long) return Interfaces.C.long;
   pragma Import (C, Syscall, "syscall");
begin
   if Mode = "hello" then
      Put_Line ("Hello, World!");
   elsif Mode = "aplusb" then
      declare
         A, B : Long_Integer;
      begin
         Ada.Long_Integer_Text_IO.Get (A);
         Ada.Long_Integer_Text_IO.Get (B);
         Ada.Long_Integer_Text_IO.Put (A + B, Width => 0);
         New_Line;
      end;
   elsif Mode = "sort" then
      declare
         N : Integer;
      begin
         Ada.Integer_Text_IO.Get (N);
         declare
            V : access Int_Array := new Int_Array (1 .. N);
         begin
            for I in V'Range loop
               Ada.Integer_Text_IO.Get (V (I));
            end loop;
            Sort (V.all);
            --  one write for the whole answer: Text_IO writes each line apart
            declare
               Buf : access String := new String (1 .. 13 * N);
               Len : Natural := 0;
            begin
               for X of V.all loop
                  declare
                     S : constant String := Integer'Image (X);
                     F : constant Positive := (if S (S'First) = ' ' then S'First + 1 else S'First);
                  begin
                     Buf (Len + 1 .. Len + S'Last - F + 1) := S (F .. S'Last);
                     Len := Len + S'Last - F + 2;
                     Buf (Len) := ASCII.LF;
                  end;
               end loop;
               String'Write (Ada.Text_IO.Text_Streams.Stream (Current_Output), Buf (1 .. Len));
            end;
         end;
      end;
   elsif Mode = "tle" then
      declare
         I : Integer := 0;
         pragma Volatile (I);
      begin
         loop
            I := (I + 1) mod 7;
         end loop;
      end;
   elsif Mode = "mle" then
      --  keeps every block alive and touched, 1 MiB at a time
      loop
         declare
            B : constant Block_Access := new Block'(others => 'x');
            pragma Unreferenced (B);
         begin
            null;
         end;
      end loop;
   elsif Mode = "spawn" then
      declare
         Args : GNAT.OS_Lib.Argument_List :=
           (new String'("-c"), new String'("echo PWNED > /tmp/judge-e2e-pwned"));
         Ok : Boolean;
      begin
         GNAT.OS_Lib.Spawn ("/bin/sh", Args, Ok);
         Put_Line ("PWNED");
      end;
   elsif Mode = "socket" then
      declare
         S : GNAT.Sockets.Socket_Type;
      begin
         GNAT.Sockets.Create_Socket (S);
         Put_Line ("PWNED");
      end;
   elsif Mode = "write" then
      declare
         F : File_Type;
      begin
         Create (F, Out_File, Argument (2));
         Put_Line (F, "PWNED");
         Put_Line ("PWNED");
      exception
         when Use_Error | Name_Error =>
            Put_Line ("denied");
            GNAT.OS_Lib.OS_Exit (42);
      end;
   elsif Mode = "read" then
      for I in 2 .. Argument_Count loop
         declare
            F : File_Type;
         begin
            Open (F, In_File, Argument (I));
            Put_Line (Get_Line (F));
            GNAT.OS_Lib.OS_Exit (0);
         exception
            when Use_Error | Name_Error =>
               null;
         end;
      end loop;
      Put_Line ("denied");
      GNAT.OS_Lib.OS_Exit (42);
   elsif Mode = "syscall" then
      --  pragma Import reaches any C function: libc's syscall(57) is fork
      Put_Line ("PWNED: fork returned" & Interfaces.C.long'Image (Syscall (57)));
   else
      Put_Line ("unknown mode");
      GNAT.OS_Lib.OS_Exit (1);
   end if;
end Prog;
