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
