# One program for every Elixir case; the first argument picks what it does.
defmodule Prog do
  def main(["hello"]), do: IO.puts("Hello, World!")

  def main(["aplusb"]) do
    [a, b] = IO.read(:stdio, :eof) |> String.split() |> Enum.map(&String.to_integer/1)
    IO.puts(a + b)
  end

  def main(["sort"]) do
    [_ | ns] = parse(IO.binread(:stdio, :eof), 0, 1, false, [])
    put_sorted(Enum.sort(ns), 0, [])
  end

  def main(["tle"]), do: spin(0)
  def main(["mle"]), do: grow([])

  def main(["spawn"]) do
    # :os.cmd has erl_child_setup fork the shell: a third process
    :os.cmd(~c"echo PWNED > /tmp/judge-e2e-pwned")
    IO.puts("PWNED")
  end

  def main(["shell"]) do
    # System.shell looks for sh on the PATH first
    System.shell("touch /tmp/judge-e2e-pwned")
    IO.puts("PWNED")
  end

  def main(["port"]) do
    # a port starts a program directly, with no shell
    Port.open({:spawn_executable, "/bin/sh"}, args: ["-c", "touch /tmp/judge-e2e-pwned"])
    IO.puts("PWNED")
  end

  def main(["socket"]) do
    {:ok, _} = :gen_tcp.connect({127, 0, 0, 1}, 80, [])
    IO.puts("PWNED")
  end

  def main(["write", path]) do
    case File.write(path, "PWNED\n") do
      :ok -> IO.puts("PWNED")
      {:error, _} -> IO.puts("denied"); System.halt(42)
    end
  end

  def main(["read" | paths]) do
    Enum.each(paths, fn p ->
      case File.read(p) do
        {:ok, text} -> IO.write(text); System.halt(0)
        {:error, _} -> :ok
      end
    end)
    IO.puts("denied")
    System.halt(42)
  end

  def main(_), do: (IO.puts(:stderr, "unknown mode"); System.halt(1))

  # the integers of a binary, without a sub-binary each
  defp parse(<<c, rest::binary>>, n, sign, true, acc) when c not in ?0..?9,
    do: parse(rest, 0, 1, false, [sign * n | acc])
  defp parse(<<?-, rest::binary>>, _, _, false, acc), do: parse(rest, 0, -1, false, acc)
  defp parse(<<c, rest::binary>>, n, sign, _, acc) when c in ?0..?9,
    do: parse(rest, n * 10 + c - ?0, sign, true, acc)
  defp parse(<<_, rest::binary>>, n, sign, inside, acc), do: parse(rest, n, sign, inside, acc)
  defp parse(<<>>, n, sign, true, acc), do: Enum.reverse([sign * n | acc])
  defp parse(<<>>, _, _, false, acc), do: Enum.reverse(acc)

  # writes 10000 lines at a time, so that no output of 10 MB is ever built
  defp put_sorted([], _, acc), do: IO.binwrite(Enum.reverse(acc))
  defp put_sorted(l, 10000, acc), do: (IO.binwrite(Enum.reverse(acc)); put_sorted(l, 0, []))
  defp put_sorted([x | l], k, acc), do: put_sorted(l, k + 1, [[Integer.to_string(x), ?\n] | acc])

  defp spin(i), do: spin(rem(i + 1, 7))

  # keeps every block alive, 1 MiB of binary at a time
  defp grow(l), do: grow([:binary.copy(<<rem(length(l), 256)>>, 1_048_576) | l])
end
