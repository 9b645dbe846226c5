program bisect
  implicit none
  integer(8) :: lo, hi, mid
  character(len=16) :: reply
  integer :: ios
  lo = 1
  hi = 1000000000
  do while (lo <= hi)
    mid = (lo + hi) / 2
    write (*, '(I0)') mid
    flush (6)
    read (*, '(A)', iostat=ios) reply
    if (ios /= 0) exit
    if (trim(reply) == 'correct') exit
    if (trim(reply) == 'lower') then
      hi = mid - 1
    else
      lo = mid + 1
    end if
  end do
end program bisect
