// No Scala policy here: judge verify lists this one as skipped, with the reason.
object Hello extends App {
  for (name <- io.Source.stdin.getLines()) println(s"Hello, $name!")
}
