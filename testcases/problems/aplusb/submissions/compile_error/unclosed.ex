defmodule Main do
  def main do
    IO.puts("unclosed"
  end
end
