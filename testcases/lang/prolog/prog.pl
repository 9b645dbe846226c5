% One program for every Prolog case; the first argument picks what it does.
:- initialization(main, main).

main([hello]) :- !, format("Hello, World!~n").
main([aplusb]) :- !,
    read_string(user_input, _, S),
    split_string(S, " \n", " \n", Words0), exclude(==(""), Words0, [A, B|_]),
    number_string(X, A), number_string(Y, B),
    C is X + Y, format("~d~n", [C]).
main([sort]) :- !,
    set_stream(user_output, buffer(full)),
    read_string(user_input, _, S),
    split_string(S, " \n", " \n", [_|Parts]),
    exclude(==(""), Parts, Words),
    maplist(number_string, Ns, Words),
    msort(Ns, Sorted),
    atomic_list_concat(Sorted, '\n', Out),
    format("~w~n", [Out]).
main([tle]) :- !, spin(0).
main([mle]) :- !, grow([]).
main([spawn]) :- !, shell('echo PWNED > /tmp/judge-e2e-pwned'), format("PWNED~n").
main([socket]) :- !, tcp_socket(S), tcp_connect(S, localhost:80), format("PWNED~n").
main([write, Path]) :- !,
    catch((open(Path, write, F), format(F, "PWNED~n", []), close(F), format("PWNED~n")),
          error(permission_error(_, _, _), _), (format("denied~n"), halt(42))).
main([read|Paths]) :- !,
    forall(member(P, Paths),
           catch((read_file_to_string(P, T, []), format("~s", [T]), halt(0)),
                 error(_, _), true)),
    format("denied~n"), halt(42).
main([process]) :- !,
    % library(process) starts a program directly, with no shell
    process_create('/bin/sh', ['-c', 'touch /tmp/judge-e2e-pwned'], []),
    format("PWNED~n").
main(_) :- format(user_error, "unknown mode~n", []), halt(1).

spin(I) :- J is (I + 1) mod 7, spin(J).
% keeps every block alive, 1 MiB of list cells at a time
grow(L) :- numlist(1, 65536, B), grow([B|L]).
