main = print (1 +
