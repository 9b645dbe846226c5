x <- c(1, 2
cat(x)
