%% One program for every Erlang case; the first argument picks what it does.
-module(prog).
-export([main/1]).

main(["hello"]) -> io:format("Hello, World!~n");
main(["aplusb"]) ->
    {ok, [A, B]} = io:fread("", "~d ~d"),
    io:format("~b~n", [A + B]);
main(["sort"]) ->
    ok = io:setopts(standard_io, [binary]),
    [_ | Ns] = parse(read_all([]), 0, 1, false, []),
    put_sorted(lists:sort(Ns), 0, []);
main(["tle"]) -> spin(0);
main(["mle"]) -> grow([]);
main(["spawn"]) ->
    os:cmd("echo PWNED > /tmp/judge-e2e-pwned"),
    io:format("PWNED~n");
main(["port"]) ->
    %% a port starts a program directly, with no shell
    open_port({spawn_executable, "/bin/sh"}, [{args, ["-c", "touch /tmp/judge-e2e-pwned"]}]),
    io:format("PWNED~n");
main(["socket"]) ->
    {ok, _} = gen_tcp:connect({127, 0, 0, 1}, 80, []),
    io:format("PWNED~n");
main(["write", Path]) ->
    case file:write_file(Path, "PWNED\n") of
        ok -> io:format("PWNED~n");
        {error, _} -> io:format("denied~n"), halt(42)
    end;
main(["read" | Paths]) ->
    lists:foreach(fun(P) ->
        case file:read_file(P) of
            {ok, T} -> io:put_chars(T), halt(0);
            {error, _} -> ok
        end
    end, Paths),
    io:format("denied~n"),
    halt(42);
main(_) -> io:format(standard_error, "unknown mode~n", []), halt(1).

read_all(Acc) ->
    case io:get_chars("", 65536) of
        eof -> iolist_to_binary(lists:reverse(Acc));
        D -> read_all([D | Acc])
    end.

%% the integers of a binary, in reverse order, without a sub-binary each
parse(<<C, Rest/binary>>, N, Sign, true, Acc) when C < $0; C > $9 -> parse(Rest, 0, 1, false, [Sign * N | Acc]);
parse(<<$-, Rest/binary>>, _, _, false, Acc) -> parse(Rest, 0, -1, false, Acc);
parse(<<C, Rest/binary>>, N, Sign, _, Acc) when C >= $0, C =< $9 -> parse(Rest, N * 10 + C - $0, Sign, true, Acc);
parse(<<_, Rest/binary>>, N, Sign, In, Acc) -> parse(Rest, N, Sign, In, Acc);
parse(<<>>, N, Sign, true, Acc) -> lists:reverse([Sign * N | Acc]);
parse(<<>>, _, _, false, Acc) -> lists:reverse(Acc).

%% writes 10000 lines at a time, so that no output of 10 MB is ever built
put_sorted([], _, Acc) -> io:put_chars(lists:reverse(Acc));
put_sorted(L, 10000, Acc) -> io:put_chars(lists:reverse(Acc)), put_sorted(L, 0, []);
put_sorted([X | L], K, Acc) -> put_sorted(L, K + 1, [[integer_to_binary(X), $\n] | Acc]).

spin(I) -> spin((I + 1) rem 7).

%% keeps every block alive, 1 MiB of binary at a time
grow(L) -> grow([binary:copy(<<(length(L) rem 256)>>, 1048576) | L]).
