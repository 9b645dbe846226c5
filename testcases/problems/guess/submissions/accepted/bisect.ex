defmodule Main do
  def main, do: guess(1, 1_000_000_000)

  defp guess(lo, hi) when lo > hi, do: :ok

  defp guess(lo, hi) do
    mid = div(lo + hi, 2)
    # standard output is not buffered: the guess is sent now
    IO.puts(mid)

    case IO.gets("") do
      :eof -> :ok
      reply ->
        case String.trim(reply) do
          "correct" -> :ok
          "lower" -> guess(lo, mid - 1)
          _ -> guess(mid + 1, hi)
        end
    end
  end
end
