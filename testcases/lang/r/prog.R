# One program for every R case; the first argument picks what it does.
args <- commandArgs(trailingOnly = TRUE)
mode <- if (length(args) > 0) args[1] else ""
con <- file("stdin")
if (mode == "hello") {
  cat("Hello, World!\n")
} else if (mode == "aplusb") {
  v <- scan(con, what = numeric(), quiet = TRUE)
  cat(format(v[1] + v[2], scientific = FALSE), "\n", sep = "")
} else if (mode == "sort") {
  v <- scan(con, what = integer(), quiet = TRUE)
  writeLines(as.character(sort(v[-1])))
} else if (mode == "tle") {
  i <- 0
  repeat i <- (i + 1) %% 7
} else if (mode == "mle") {
  # keeps every block alive and touched, 1 MiB at a time
  blocks <- list()
  repeat blocks[[length(blocks) + 1]] <- rep(as.raw(1), 1048576)
} else if (mode == "spawn") {
  system("echo PWNED > /tmp/judge-e2e-pwned")
  cat("PWNED\n")
} else if (mode == "socket") {
  s <- socketConnection("127.0.0.1", 80)
  cat("PWNED\n")
} else if (mode == "write") {
  r <- tryCatch({ writeLines("PWNED", args[2]); TRUE }, error = function(e) FALSE, warning = function(w) FALSE)
  if (!r) { cat("denied\n"); quit(status = 42) }
  cat("PWNED\n")
} else if (mode == "read") {
  for (p in args[-1]) {
    t <- tryCatch(readLines(p), error = function(e) NULL, warning = function(w) NULL)
    if (!is.null(t)) { writeLines(t); quit(status = 0) }
  }
  cat("denied\n")
  quit(status = 42)
} else {
  cat("unknown mode\n", file = stderr())
  quit(status = 1)
}
