x <- scan(file("stdin"), quiet = TRUE)
cat(sprintf("%.0f\n", sum(x)))
