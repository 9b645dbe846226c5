# One program for every R case; the first argument picks what it does.
args <- commandArgs(TRUE)
mode <- args[1]

if (mode == "hello") {
  cat("Hello, World!\n")
} else if (mode == "aplusb") {
  x <- scan(file("stdin"), quiet = TRUE)
  cat(sprintf("%.0f\n", sum(x)))
} else if (mode == "sort") {
  x <- scan(file("stdin"), what = integer(), quiet = TRUE)
  writeLines(as.character(sort(x[-1])))
} else if (mode == "tle") {
  i <- 0L
  repeat i <- (i + 1L) %% 7L
} else if (mode == "mle") {
  # keeps every block alive, 1 MiB of doubles at a time, each written
  blocks <- vector("list", 1000000)
  for (i in seq_along(blocks)) blocks[[i]] <- rep(as.double(i), 131072)
} else if (mode == "spawn") {
  # system() forks /bin/sh; the fork fails, so R warns and returns 127
  status <- system("touch /tmp/judge-e2e-pwned")
  if (status != 0) quit(status = 42)
  cat("PWNED: system ran\n")
} else if (mode == "pipe") {
  # system(intern = TRUE) and pipe() go through popen, which makes a pipe first
  out <- system("touch /tmp/judge-e2e-pwned; echo done", intern = TRUE)
  cat(out, "\n")
} else if (mode == "ffi") {
  # libc's fork() itself, through the foreign function interface
  pid <- Sys.getpid()
  dyn.load("/lib/x86_64-linux-gnu/libc.so.6")
  .C("fork")
  if (Sys.getpid() != pid) cat("PWNED: a child runs\n")
  quit(status = 42)
} else if (mode == "socket") {
  con <- socketConnection("127.0.0.1", 80, blocking = TRUE, open = "r+")
  cat("PWNED: connected\n")
} else if (mode == "write") {
  ok <- tryCatch({ writeLines("PWNED", args[2]); TRUE }, error = function(e) FALSE,
                 warning = function(w) FALSE)
  if (!ok) { cat("denied\n"); quit(status = 42) }
  cat("PWNED\n")
} else if (mode == "read") {
  for (p in args[-1]) {
    text <- tryCatch(readLines(p), error = function(e) NULL, warning = function(w) NULL)
    if (!is.null(text)) { writeLines(text); quit(status = 0) }
  }
  cat("denied\n")
  quit(status = 42)
} else {
  cat("unknown mode\n", file = stderr())
  quit(status = 1)
}
