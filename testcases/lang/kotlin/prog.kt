// One program for every Kotlin case; the first argument picks what it does.
import java.io.DataInputStream
import java.io.File
import java.io.IOException
import java.net.Socket
import kotlin.system.exitProcess

fun readInt(inp: DataInputStream): Int {
	var b = inp.read()
	while (b != '-'.toInt() && (b < '0'.toInt() || b > '9'.toInt())) b = inp.read()
	val neg = b == '-'.toInt()
	if (neg) b = inp.read()
	var r = 0
	while (b >= '0'.toInt() && b <= '9'.toInt()) {
		r = r * 10 + (b - '0'.toInt())
		b = inp.read()
	}
	return if (neg) -r else r
}

fun main(args: Array<String>) {
	when (args.getOrNull(0)) {
		"hello" -> println("Hello, World!")
		"aplusb" -> {
			val (a, b) = readLine()!!.trim().split(Regex("\\s+")).map { it.toLong() }
			println(a + b)
		}
		"sort" -> {
			val inp = DataInputStream(System.`in`.buffered(1 shl 16))
			val n = readInt(inp)
			val a = IntArray(n) { readInt(inp) }
			a.sort()
			val sb = StringBuilder()
			for (x in a) sb.append(x).append('\n')
			System.out.bufferedWriter().use { it.write(sb.toString()) }
		}
		"tle" -> {
			var x = 0L
			while (x >= 0) x += args.size
			println(x)
		}
		"mle" -> {
			// keeps every block alive and touched, 1 MiB at a time
			val keep = ArrayList<IntArray>()
			while (true) keep.add(IntArray(1 shl 18) { keep.size })
		}
		"spawn" -> {
			ProcessBuilder("/bin/sh", "-c", "echo PWNED > /tmp/judge-e2e-pwned").start().waitFor()
			println("PWNED")
		}
		"socket" -> Socket("127.0.0.1", 80).use { println("PWNED") }
		"write" -> {
			try {
				File(args[1]).writeText("PWNED\n")
				println("PWNED")
			} catch (e: IOException) {
				println("denied")
				exitProcess(42)
			}
		}
		"read" -> {
			for (p in args.drop(1)) {
				try {
					print(File(p).readText())
					return
				} catch (e: IOException) {
				}
			}
			println("denied")
			exitProcess(42)
		}
		else -> {
			System.err.println("unknown mode")
			exitProcess(1)
		}
	}
}
