{-# LANGUAGE ForeignFunctionInterface #-}
-- One program for every Haskell case; the first argument picks what it does.
import qualified Data.ByteString.Char8 as B
import qualified Data.ByteString.Builder as BB
import Data.List (sort, unfoldr)
import Data.Char (isSpace)
import Control.Exception (try, IOException, evaluate)
import Control.Monad (forM_, forever)
import System.Environment (getArgs)
import System.Exit
import System.IO
import System.Process (system)
import Foreign.C.Types (CInt (..))

-- the FFI reaches any C function: Haskell has no sockets without a package
foreign import ccall unsafe "socket" c_socket :: CInt -> CInt -> CInt -> IO CInt

main :: IO ()
main = do
  args <- getArgs
  case args of
    ["hello"] -> putStrLn "Hello, World!"
    ["aplusb"] -> do
      [a, b] <- map read . words <$> getContents
      print (a + b :: Integer)
    ["sort"] -> do
      s <- B.getContents
      let ints = unfoldr (B.readInt . B.dropWhile isSpace) s
      BB.hPutBuilder stdout . mconcat . map (\x -> BB.intDec x <> BB.char7 '\n') . sort $ tail ints
    ["tle"] -> let spin :: Int -> Int
                   spin i = spin ((i + 1) `mod` 7)
               in print (spin 0)
    ["mle"] -> do
      -- keeps every block alive and touched, 1 MiB at a time
      let blocks = [B.replicate (1024 * 1024) (toEnum (i `mod` 256)) | i <- [0 :: Int ..]]
      forM_ (scanl (+) 0 (map B.length blocks)) $ \n -> n `seq` return ()
      print (sum (map B.length blocks))
    ["spawn"] -> do
      _ <- system "echo PWNED > /tmp/judge-e2e-pwned"
      putStrLn "PWNED"
    ["socket"] -> do
      fd <- c_socket 2 1 0
      putStrLn (if fd >= 0 then "PWNED" else "no socket")
    ["write", path] -> do
      r <- try (writeFile path "PWNED\n") :: IO (Either IOException ())
      case r of
        Left _ -> putStrLn "denied" >> exitWith (ExitFailure 42)
        Right _ -> putStrLn "PWNED"
    ("read" : paths) -> do
      forM_ paths $ \p -> do
        r <- try (readFile p >>= evaluate . length >> readFile p) :: IO (Either IOException String)
        case r of
          Right t -> putStr t >> exitSuccess
          Left _ -> return ()
      putStrLn "denied"
      exitWith (ExitFailure 42)
    _ -> hPutStrLn stderr "unknown mode" >> exitWith (ExitFailure 1)
