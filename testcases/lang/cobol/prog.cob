      *> One program for every COBOL case; the first argument picks what it does.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. PROG.
       ENVIRONMENT DIVISION.
       INPUT-OUTPUT SECTION.
       FILE-CONTROL.
           SELECT OUT-FILE ASSIGN TO DYNAMIC WS-PATH
               ORGANIZATION IS LINE SEQUENTIAL
               FILE STATUS IS WS-STATUS.
       DATA DIVISION.
       FILE SECTION.
       FD OUT-FILE.
       01 OUT-REC PIC X(80).
       WORKING-STORAGE SECTION.
       01 WS-MODE PIC X(16).
       01 WS-PATH PIC X(256).
       01 WS-STATUS PIC XX.
       01 WS-LINE PIC X(100).
       01 WS-A PIC S9(18).
       01 WS-B PIC S9(18).
       01 WS-C PIC -(19)9.
       01 WS-I PIC 9(9) COMP-5 VALUE 0.
       01 WS-PTR USAGE POINTER.
       01 WS-N PIC 9(9) COMP-5 VALUE 0.
       01 WS-K PIC 9(9) COMP-5 VALUE 0.
       01 WS-P PIC 9(4) COMP-5.
       01 WS-TOK PIC X(24).
       01 WS-BIG PIC X(400).
       01 WS-OUT PIC X(65536).
       01 WS-O PIC 9(9) COMP-5.
       01 WS-TAB.
           05 WS-E OCCURS 1 TO 1000000 TIMES DEPENDING ON WS-N.
               10 WS-V PIC S9(10) COMP-5.
       PROCEDURE DIVISION.
           ACCEPT WS-MODE FROM ARGUMENT-VALUE
           EVALUATE WS-MODE
           WHEN 'hello'
               DISPLAY 'Hello, World!'
           WHEN 'aplusb'
               ACCEPT WS-LINE
               UNSTRING WS-LINE DELIMITED BY ALL SPACE INTO WS-A WS-B
               ADD WS-A TO WS-B GIVING WS-C
               DISPLAY FUNCTION TRIM(WS-C)
           WHEN 'sort'
      *>        n, then n integers, several to a line; a table SORT
               ACCEPT WS-BIG
               MOVE FUNCTION NUMVAL(WS-BIG) TO WS-N
               MOVE 0 TO WS-K
               PERFORM UNTIL WS-K >= WS-N
                   ACCEPT WS-BIG
                   MOVE 1 TO WS-P
                   PERFORM UNTIL WS-K >= WS-N OR WS-P > 400
                       MOVE SPACES TO WS-TOK
                       UNSTRING WS-BIG DELIMITED BY ALL SPACE
                           INTO WS-TOK WITH POINTER WS-P
                       IF WS-TOK = SPACES
                           MOVE 401 TO WS-P
                       ELSE
                           ADD 1 TO WS-K
                           MOVE FUNCTION NUMVAL(WS-TOK) TO WS-V(WS-K)
                       END-IF
                   END-PERFORM
               END-PERFORM
               SORT WS-E ON ASCENDING KEY WS-V
      *>        lines gathered 64 KiB at a time: one write each, not one a line
               MOVE 1 TO WS-O
               PERFORM VARYING WS-K FROM 1 BY 1 UNTIL WS-K > WS-N
                   MOVE WS-V(WS-K) TO WS-C
                   STRING FUNCTION TRIM(WS-C) X'0A' DELIMITED BY SIZE
                       INTO WS-OUT WITH POINTER WS-O
                   IF WS-O > 65500
                       DISPLAY WS-OUT(1:WS-O - 1) WITH NO ADVANCING
                       MOVE 1 TO WS-O
                   END-IF
               END-PERFORM
               IF WS-O > 1
                   DISPLAY WS-OUT(1:WS-O - 1) WITH NO ADVANCING
               END-IF
           WHEN 'tle'
               PERFORM UNTIL 1 = 0
                   COMPUTE WS-I = FUNCTION MOD(WS-I + 1, 7)
               END-PERFORM
           WHEN 'mle'
      *>        keeps every block alive and touched, 1 MiB at a time
               PERFORM UNTIL 1 = 0
                   CALL 'malloc' USING BY VALUE 1048576 RETURNING WS-PTR
                   IF WS-PTR = NULL
                       STOP RUN RETURNING 3
                   END-IF
                   CALL 'memset' USING BY VALUE WS-PTR BY VALUE 1 BY VALUE 1048576
               END-PERFORM
           WHEN 'spawn'
               CALL 'SYSTEM' USING 'echo PWNED > /tmp/judge-e2e-pwned'
               DISPLAY 'PWNED'
           WHEN 'socket'
      *>        CALL reaches any C function in the loaded libraries
               CALL 'socket' USING BY VALUE 2 BY VALUE 1 BY VALUE 0
               DISPLAY 'PWNED'
           WHEN 'write'
               ACCEPT WS-PATH FROM ARGUMENT-VALUE
               OPEN OUTPUT OUT-FILE
               IF WS-STATUS NOT = '00'
                   DISPLAY 'denied'
                   STOP RUN RETURNING 42
               END-IF
               MOVE 'PWNED' TO OUT-REC
               WRITE OUT-REC
               CLOSE OUT-FILE
               DISPLAY 'PWNED'
           WHEN 'read'
               PERFORM 2 TIMES
                   ACCEPT WS-PATH FROM ARGUMENT-VALUE
                   OPEN INPUT OUT-FILE
                   IF WS-STATUS = '00'
                       READ OUT-FILE
                       DISPLAY OUT-REC
                       STOP RUN RETURNING 0
                   END-IF
               END-PERFORM
               DISPLAY 'denied'
               STOP RUN RETURNING 42
           WHEN OTHER
               DISPLAY 'unknown mode'
               STOP RUN RETURNING 1
           END-EVALUATE
           STOP RUN.
