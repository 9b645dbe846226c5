      *> Bisection over 1 .. 10**9: each reply halves what is left.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. BISECT.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 WS-LO PIC S9(18) VALUE 1.
       01 WS-HI PIC S9(18) VALUE 1000000000.
       01 WS-MID PIC S9(18).
       01 WS-OUT PIC -(18)9.
       01 WS-REPLY PIC X(32).
       PROCEDURE DIVISION.
           PERFORM UNTIL WS-LO > WS-HI
               COMPUTE WS-MID = (WS-LO + WS-HI) / 2
               MOVE WS-MID TO WS-OUT
               DISPLAY FUNCTION TRIM(WS-OUT)
               MOVE SPACES TO WS-REPLY
               ACCEPT WS-REPLY
               EVALUATE TRUE
               WHEN WS-REPLY = 'correct' OR WS-REPLY = SPACES
                   MOVE WS-HI TO WS-LO
                   ADD 1 TO WS-LO
               WHEN WS-REPLY = 'lower'
                   COMPUTE WS-HI = WS-MID - 1
               WHEN OTHER
                   COMPUTE WS-LO = WS-MID + 1
               END-EVALUATE
           END-PERFORM
           STOP RUN.
