! One program for every Fortran case; the first argument picks what it does.
program prog
  implicit none
  character(len=256) :: mode, path
  integer :: n, i, u, ios
  integer(8) :: a, b
  integer, allocatable :: v(:)
  integer(8), pointer :: blk(:)
  integer, volatile :: k

  call get_command_argument(1, mode)
  select case (trim(mode))
  case ('hello')
    print '(a)', 'Hello, World!'
  case ('aplusb')
    read *, a, b
    print '(i0)', a + b
  case ('sort')
    read *, n
    allocate(v(n))
    read *, v
    call sort(v, n)
    write (*, '(i0)') v
  case ('tle')
    k = 0
    do
      k = mod(k + 1, 7)
    end do
  case ('mle')
    ! keeps every block alive and touched, 1 MiB at a time
    do
      allocate(blk(131072))
      blk = 1
    end do
  case ('spawn')
    call execute_command_line('echo PWNED > /tmp/judge-e2e-pwned')
    print '(a)', 'PWNED'
  case ('write')
    call get_command_argument(2, path)
    open (newunit=u, file=trim(path), status='replace', action='write', iostat=ios)
    if (ios /= 0) then
      print '(a)', 'denied'
      call exit(42)
    end if
    write (u, '(a)') 'PWNED'
    print '(a)', 'PWNED'
  case ('read')
    do i = 2, command_argument_count()
      call get_command_argument(i, path)
      open (newunit=u, file=trim(path), status='old', action='read', iostat=ios)
      if (ios == 0) then
        read (u, '(a)') path
        print '(a)', trim(path)
        call exit(0)
      end if
    end do
    print '(a)', 'denied'
    call exit(42)
  case ('socket')
    call c_socket()
  case default
    print '(a)', 'unknown mode'
    call exit(1)
  end select

contains

  ! Fortran's escape hatch is C itself: bind(c) reaches libc's socket()
  subroutine c_socket()
    use iso_c_binding
    interface
      function socket(d, t, p) bind(c, name='socket')
        import :: c_int
        integer(c_int), value :: d, t, p
        integer(c_int) :: socket
      end function
    end interface
    if (socket(2_c_int, 1_c_int, 0_c_int) >= 0) print '(a)', 'PWNED'
  end subroutine

  subroutine sort(x, m)
    integer, intent(inout) :: x(:)
    integer, intent(in) :: m
    integer :: lo, hi, st(2, 64), sp, p, t, ii, jj
    ! iterative quicksort with the median of three, smaller side first
    sp = 1
    st(:, 1) = [1, m]
    do while (sp > 0)
      lo = st(1, sp); hi = st(2, sp); sp = sp - 1
      do while (hi - lo > 16)
        p = x((lo + hi) / 2)
        if (x(lo) > x(hi)) then; t = x(lo); x(lo) = x(hi); x(hi) = t; end if
        p = max(min(p, x(hi)), x(lo))
        ii = lo; jj = hi
        do
          do while (x(ii) < p); ii = ii + 1; end do
          do while (x(jj) > p); jj = jj - 1; end do
          if (ii >= jj) exit
          t = x(ii); x(ii) = x(jj); x(jj) = t
          ii = ii + 1; jj = jj - 1
        end do
        sp = sp + 1
        if (jj - lo < hi - jj) then
          st(:, sp) = [jj + 1, hi]; hi = jj
        else
          st(:, sp) = [lo, jj]; lo = jj + 1
        end if
      end do
      do ii = lo + 1, hi
        t = x(ii); jj = ii - 1
        do while (jj >= lo)
          if (x(jj) <= t) exit
          x(jj + 1) = x(jj); jj = jj - 1
        end do
        x(jj + 1) = t
      end do
    end do
  end subroutine
end program
