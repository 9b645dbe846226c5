#include "meter.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

int64_t meter_process_cpu_ns(pid_t pid)
{
	clockid_t clk;
	struct timespec ts;

	/*
	 * The process CPU clock covers all threads, dead ones included, at
	 * nanosecond resolution, and is one syscall: cheaper than /proc.
	 */
	if (clock_getcpuclockid(pid, &clk) != 0 || clock_gettime(clk, &ts) != 0)
		return -1;
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t field_kib(const char *buf, const char *key)
{
	const char *p = strstr(buf, key);
	long long v;

	if (!p || sscanf(p + strlen(key), " %lld", &v) != 1)
		return 0;
	return v;
}

int meter_read_mem(pid_t pid, struct meter_mem *m)
{
	char path[64], buf[4096];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	/*
	 * A thread group whose main thread has exited still runs, but the
	 * leader's status then has no memory lines: the caller must ask a
	 * live thread.  Reading them as 0 would hide the whole process.
	 */
	if (!strstr(buf, "VmHWM:"))
		return -1;
	m->hwm = field_kib(buf, "VmHWM:");
	m->rss = field_kib(buf, "VmRSS:");
	m->peak = field_kib(buf, "VmPeak:");
	m->data = field_kib(buf, "VmData:");
	m->stack = field_kib(buf, "VmStk:");
	return 0;
}

int64_t meter_self_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}
