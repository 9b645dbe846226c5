con <- file("stdin")
open(con)
lo <- 1
hi <- 1e9
while (lo <= hi) {
  mid <- (lo + hi) %/% 2
  cat(sprintf("%.0f\n", mid))
  flush(stdout())
  reply <- readLines(con, n = 1)
  if (length(reply) == 0 || reply == "correct") break
  if (reply == "lower") hi <- mid - 1 else lo <- mid + 1
}
