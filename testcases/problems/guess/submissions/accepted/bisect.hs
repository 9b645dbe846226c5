import System.IO

main :: IO ()
main = do
  hSetBuffering stdout LineBuffering
  go 1 1000000000
  where
    go :: Integer -> Integer -> IO ()
    go lo hi
      | lo > hi = return ()
      | otherwise = do
          let mid = (lo + hi) `div` 2
          print mid
          eof <- isEOF
          if eof then return () else do
            reply <- getLine
            case reply of
              "correct" -> return ()
              "lower" -> go lo (mid - 1)
              _ -> go (mid + 1) hi
