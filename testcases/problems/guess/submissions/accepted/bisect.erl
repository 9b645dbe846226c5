%% Bisection over 1 .. 10^9: each reply halves what is left.
-module(bisect).
-export([main/1]).

main(_) -> guess(1, 1000000000).

guess(Lo, Hi) when Lo > Hi -> ok;
guess(Lo, Hi) ->
    Mid = (Lo + Hi) div 2,
    io:format("~B~n", [Mid]),
    case io:get_line("") of
        eof -> ok;
        Line ->
            case string:trim(Line) of
                "correct" -> ok;
                "lower" -> guess(Lo, Mid - 1);
                _ -> guess(Mid + 1, Hi)
            end
    end.
