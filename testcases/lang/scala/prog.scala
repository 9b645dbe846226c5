// One program for every Scala case; the first argument picks what it does.
import java.io.{DataInputStream, BufferedInputStream, File, FileWriter, IOException}
import java.nio.file.{Files, Paths}

object Main {
	def readInt(in: DataInputStream): Int = {
		var b = in.read()
		while (b != '-' && (b < '0' || b > '9')) b = in.read()
		val neg = b == '-'
		if (neg) b = in.read()
		var r = 0
		while (b >= '0' && b <= '9') {
			r = r * 10 + (b - '0')
			b = in.read()
		}
		if (neg) -r else r
	}

	def main(args: Array[String]): Unit = args.headOption.getOrElse("") match {
		case "hello" => println("Hello, World!")
		case "aplusb" =>
			val Array(a, b) = scala.io.StdIn.readLine().trim.split("\\s+").map(_.toLong)
			println(a + b)
		case "sort" =>
			val in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16))
			val n = readInt(in)
			val a = Array.fill(n)(readInt(in))
			java.util.Arrays.sort(a)
			val sb = new java.lang.StringBuilder
			for (x <- a) sb.append(x).append('\n')
			val out = new java.io.PrintWriter(System.out)
			out.print(sb)
			out.flush()
		case "tle" =>
			var x = 0L
			while (x >= 0) x += args.length
			println(x)
		case "mle" =>
			// keeps every block alive and touched, 1 MiB at a time
			val keep = new java.util.ArrayList[Array[Int]]
			while (true) keep.add(Array.fill(1 << 18)(keep.size))
		case "spawn" =>
			import scala.sys.process._
			Seq("/bin/sh", "-c", "echo PWNED > /tmp/judge-e2e-pwned").!
			println("PWNED")
		case "socket" =>
			val s = new java.net.Socket("127.0.0.1", 80)
			println("PWNED")
			s.close()
		case "write" =>
			try {
				val w = new FileWriter(args(1))
				w.write("PWNED\n")
				w.close()
				println("PWNED")
			} catch {
				case e: IOException => println("denied"); sys.exit(42)
			}
		case "read" =>
			for (p <- args.drop(1)) {
				try {
					print(new String(Files.readAllBytes(Paths.get(p))))
					sys.exit(0)
				} catch {
					case e: IOException =>
				}
			}
			println("denied")
			sys.exit(42)
		case _ =>
			System.err.println("unknown mode")
			sys.exit(1)
	}
}
