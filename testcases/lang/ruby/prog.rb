# One program for every Ruby case; the first argument picks what it does.
mode = ARGV.shift
case mode
when 'hello'
  puts 'Hello, World!'
when 'aplusb'
  a, b = $stdin.read.split.map(&:to_i)
  puts a + b
when 'sort'
  n, *v = $stdin.read.split.map(&:to_i)
  puts v.sort.join("\n")
when 'tle'
  i = 0
  loop { i = (i + 1) % 7 }
when 'mle'
  # keeps every block alive and touched, 1 MiB at a time
  blocks = []
  loop { blocks << ('x' * (1 << 20)) }
when 'spawn'
  system('echo PWNED > /tmp/judge-e2e-pwned')
  puts 'PWNED'
when 'socket'
  require 'socket'
  TCPSocket.new('127.0.0.1', 80)
  puts 'PWNED'
when 'write'
  begin
    File.write(ARGV[0], "PWNED\n")
    puts 'PWNED'
  rescue SystemCallError
    puts 'denied'
    exit 42
  end
when 'read'
  ARGV.each do |path|
    begin
      puts File.read(path)
      exit 0
    rescue SystemCallError
    end
  end
  puts 'denied'
  exit 42
when 'syscall'
  # Fiddle calls libc's syscall() directly: fork is 57 on x86_64
  require 'fiddle'
  sys = Fiddle::Function.new(Fiddle.dlopen(nil)['syscall'], [Fiddle::TYPE_LONG], Fiddle::TYPE_LONG)
  puts "PWNED: fork returned #{sys.call(57)}"
else
  abort "unknown mode #{mode}"
end
