// testlib checker: checker input output answer
