-- One program for every Lua case; the first argument picks what it does.
local mode = arg[1]
if mode == 'hello' then
  print('Hello, World!')
elseif mode == 'aplusb' then
  local a, b = io.read('n', 'n')
  print(math.tointeger(a + b))
elseif mode == 'sort' then
  local n = io.read('n')
  local v = {}
  for i = 1, n do v[i] = io.read('n') end
  table.sort(v)
  io.write(table.concat(v, '\n'), '\n')
elseif mode == 'tle' then
  local i = 0
  while true do i = (i + 1) % 7 end
elseif mode == 'mle' then
  -- keeps every block alive and touched, 1 MiB at a time
  local blocks = {}
  local i = 0
  while true do
    i = i + 1
    blocks[i] = string.rep(tostring(i % 10), 1 << 20)
  end
elseif mode == 'spawn' then
  os.execute('echo PWNED > /tmp/judge-e2e-pwned')
  print('PWNED')
elseif mode == 'popen' then
  -- the standard library has no sockets; io.popen is its other way to a process
  local p = io.popen('echo PWNED')
  print(p and p:read('a') or 'no popen')
elseif mode == 'write' then
  local f = io.open(arg[2], 'w')
  if not f then print('denied') os.exit(42) end
  f:write('PWNED\n')
  print('PWNED')
elseif mode == 'read' then
  for i = 2, #arg do
    local f = io.open(arg[i])
    if f then print(f:read('a')) os.exit(0) end
  end
  print('denied')
  os.exit(42)
elseif mode == 'loadlib' then
  -- package.loadlib loads native code: here libc itself, for its system()
  -- (called as a Lua C function, system() takes the interpreter's state for a command)
  local f = assert(package.loadlib('/lib/x86_64-linux-gnu/libc.so.6', 'system'))
  f()
  print('PWNED: system() returned')
else
  error('unknown mode ' .. tostring(mode))
end
