/*
 * One attempt per run, named by argv[1]; the result is one line on stdout,
 * "ACTION: ok ..." when the attempt got through or "ACTION: ERRNAME" when
 * the kernel refused it, so scripts/layers.sh can tell which layer said no
 * (EACCES from Landlock, EROFS from the read-only view, ENETUNREACH from the
 * empty network namespace, ...).  Anything that leaked is printed after
 * "PWNED" so that it shows up in the output checks.
 *
 * Raw syscall() where glibc might pick another syscall than the policy
 * names, write(2) rather than stdio so nothing is lost when a run is killed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static const char *act;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n = snprintf(buf, sizeof(buf), "%s: ", act);

	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 2)
		n = (int)sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(1, buf, (size_t)n) < 0)
		_exit(3);
}

static const char *ename(int e)
{
	const char *s = strerrorname_np(e);

	return s ? s : "E?";
}

static int fail(void)
{
	say("%s", ename(errno));
	return 0;
}

static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static struct sockaddr_in loopback(const char *port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(port)) };

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static int do_open_read(const char *path)
{
	char buf[256];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return fail();
	n = read(fd, buf, sizeof(buf) - 1);
	if (n < 0)
		return fail();
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	say("ok PWNED read %s", buf);
	return 0;
}

static int do_open_write(const char *path, int flags)
{
	int fd = open(path, O_WRONLY | flags, 0666);

	if (fd < 0)
		return fail();
	if (write(fd, "PWNED\n", 6) != 6)
		return fail();
	say("ok PWNED wrote %s", path);
	return 0;
}

static int do_int80(void)
{
	long r;

	/* getpid is #20 on i386: harmless, and allowed on x86_64 by every policy */
	__asm__ volatile("int $0x80" : "=a"(r) : "a"(20L) : "memory");
	say("ok PWNED i386 getpid returned %ld", r);
	return 0;
}

static int do_x32(void)
{
	/* getpid is #39 with the x32 bit set */
	long r = syscall(0x40000000L | 39);

	if (r < 0)
		return fail();
	say("ok PWNED x32 getpid returned %ld", r);
	return 0;
}

static int do_tcp(const char *port, const char *msg)
{
	struct sockaddr_in a = loopback(port);
	int s = (int)syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);

	if (s < 0)
		return fail();
	if (syscall(SYS_connect, s, &a, sizeof(a)) < 0)
		return fail();
	if (write(s, msg, strlen(msg)) < 0)
		return fail();
	say("ok PWNED connected");
	return 0;
}

static int do_udp(const char *port, const char *msg)
{
	struct sockaddr_in a = loopback(port);
	int s = (int)syscall(SYS_socket, AF_INET, SOCK_DGRAM, 0);

	if (s < 0)
		return fail();
	if (syscall(SYS_sendto, s, msg, strlen(msg), 0, &a, sizeof(a)) < 0)
		return fail();
	say("ok PWNED sent");
	return 0;
}

/* Lowering a limit is always allowed by the kernel: only a policy can refuse it. */
static int do_prlimit(void)
{
	struct rlimit rl = { 64, 64 };

	if (syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &rl, NULL) < 0)
		return fail();
	say("ok PWNED lowered RLIMIT_NOFILE");
	return 0;
}

static int do_stat(const char *path)
{
	struct stat st;

	if (syscall(SYS_newfstatat, AT_FDCWD, path, &st, 0) < 0)
		return fail();
	say("ok PWNED size %lld", (long long)st.st_size);
	return 0;
}

static int do_readlink(const char *path)
{
	char buf[4096];
	long n = syscall(SYS_readlink, path, buf, sizeof(buf) - 1);

	if (n < 0)
		return fail();
	buf[n] = '\0';
	say("ok PWNED link to %s", buf);
	return 0;
}

/* Writes n bytes with SIGXFSZ ignored: the rlimit then shows as EFBIG. */
static int do_fill(long n)
{
	char buf[1000];
	long done = 0;

	memset(buf, 'x', sizeof(buf));
	signal(SIGXFSZ, SIG_IGN);
	while (done < n) {
		ssize_t w = write(1, buf, sizeof(buf));

		if (w < 0) {
			dprintf(2, "fill: %s after %ld\n", ename(errno), done);
			return 0;
		}
		done += w;
	}
	dprintf(2, "fill: ok %ld\n", done);
	return 0;
}

/* Mappings of `each` MiB, never touched, until `max` MiB or a refusal. */
static int do_mmaps(long each, long max)
{
	long total = 0;

	while (total < max) {
		void *p = mmap(NULL, (size_t)each << 20, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			say("%s after %ld MiB", ename(errno), total);
			return 0;
		}
		total += each;
	}
	say("ok %ld MiB", total);
	return 0;
}

static int do_segv(void)
{
	struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };
	volatile int *volatile nowhere = NULL;

	getrlimit(RLIMIT_CORE, &rl);
	dprintf(2, "core limit %lld %lld\n", (long long)rl.rlim_cur, (long long)rl.rlim_max);
	rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
	if (setrlimit(RLIMIT_CORE, &rl) < 0)
		say("raise %s", ename(errno));
	else
		say("raise ok PWNED");
	*nowhere = 1;
	return 0;
}

static int do_nofile(const char *path)
{
	int fd, last = -1;

	while ((fd = open(path, O_RDONLY)) >= 0)
		last = fd;
	say("%s last fd %d", ename(errno), last);
	return 0;
}

static int do_ids(void)
{
	gid_t g[64];
	int n = getgroups(64, g);

	say("%d %d %d %d groups %d", (int)getuid(), (int)geteuid(), (int)getgid(), (int)getegid(), n);
	return 0;
}

static int do_caps(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	int bset = 0, amb = 0;

	if (syscall(SYS_capget, &h, d) < 0)
		return fail();
	for (int c = 0; c <= 63; c++) {
		if (prctl(PR_CAPBSET_READ, c, 0, 0, 0) == 1)
			bset++;
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, c, 0, 0) == 1)
			amb++;
	}
	say("eff %08x%08x prm %08x%08x inh %08x%08x bnd %d amb %d",
	    d[1].effective, d[0].effective, d[1].permitted, d[0].permitted,
	    d[1].inheritable, d[0].inheritable, bset, amb);
	return 0;
}

static int do_sethostname(const char *name)
{
	if (syscall(SYS_sethostname, name, strlen(name)) < 0)
		return fail();
	say("ok PWNED hostname set");
	return 0;
}

static int do_ns(const char *kind)
{
	char path[64], buf[128];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/ns/%s", kind);
	n = readlink(path, buf, sizeof(buf) - 1);
	if (n < 0)
		return fail();
	buf[n] = '\0';
	say("%s", buf);
	return 0;
}

static int do_shm(const char *key)
{
	int id = shmget((key_t)strtol(key, NULL, 0), 0, 0);

	if (id < 0)
		return fail();
	say("ok PWNED host segment %d", id);
	return 0;
}

/* memfd pages are charged to the memory cgroup but are in no rlimit and no RSS. */
static int do_memfd(long each, long count)
{
	static char buf[1 << 16];
	long mib = 0;

	memset(buf, 'm', sizeof(buf));
	for (long i = 0; i < count; i++) {
		int fd = (int)syscall(SYS_memfd_create, "layers", 0);

		if (fd < 0)
			return fail();
		for (long k = 0; k < (each << 20) / (long)sizeof(buf); k++)
			if (write(fd, buf, sizeof(buf)) < 0) {
				say("%s after %ld MiB", ename(errno), mib);
				return 0;
			}
		mib += each;
	}
	say("ok %ld MiB", mib);
	return 0;
}

/* Another task's CPU mask: it shows whether that task exists. */
static int do_affinity(pid_t pid)
{
	unsigned long mask[16];

	if (syscall(SYS_sched_getaffinity, pid, sizeof(mask), mask) < 0)
		return fail();
	say("ok PWNED task %d exists", (int)pid);
	return 0;
}

/* A pipe grown to `bytes` and filled: kernel memory no rlimit counts. */
static int do_pipesz(long bytes)
{
	static char buf[1 << 16];
	int fds[2];
	long put = 0;

	if (syscall(SYS_pipe2, fds, O_NONBLOCK) < 0 || fcntl(fds[1], F_SETPIPE_SZ, (int)bytes) < 0)
		return fail();
	while (put < bytes && write(fds[1], buf, sizeof(buf)) == (ssize_t)sizeof(buf))
		put += (long)sizeof(buf);
	say("ok PWNED %ld KiB held in a pipe", put >> 10);
	return 0;
}

/* Shared anonymous memory: RLIMIT_DATA does not count it. */
static int do_shared_anon(long mib)
{
	char *p = mmap(NULL, (size_t)mib << 20, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return fail();
	memset(p, 's', (size_t)mib << 20);
	say("ok PWNED %ld MiB shared", mib);
	return 0;
}

/* Children that exit at once and are never waited for stay as zombies. */
static int do_zombies(long n)
{
	long made = 0;

	while (made < n) {
		pid_t p = fork();

		if (p < 0) {
			say("%s after %ld", ename(errno), made);
			return 0;
		}
		if (p == 0)
			_exit(0);
		made++;
		nap_ms(30);	/* the tracer sees the exit before the next fork */
	}
	say("ok %ld", made);
	return 0;
}

int main(int argc, char **argv)
{
	const char *a1 = argc > 2 ? argv[2] : "", *a2 = argc > 3 ? argv[3] : "";

	if (argc < 2)
		return 2;
	act = argv[1];
	if (!strcmp(act, "int80")) return do_int80();
	if (!strcmp(act, "x32")) return do_x32();
	if (!strcmp(act, "read")) return do_open_read(a1);
	if (!strcmp(act, "write")) return do_open_write(a1, O_TRUNC);
	if (!strcmp(act, "create")) return do_open_write(a1, O_CREAT | O_EXCL);
	if (!strcmp(act, "stat")) return do_stat(a1);
	if (!strcmp(act, "readlink")) return do_readlink(a1);
	if (!strcmp(act, "tcp")) return do_tcp(a1, a2);
	if (!strcmp(act, "udp")) return do_udp(a1, a2);
	if (!strcmp(act, "prlimit")) return do_prlimit();
	if (!strcmp(act, "fill")) return do_fill(atol(a1));
	if (!strcmp(act, "mmaps")) return do_mmaps(atol(a1), atol(a2));
	if (!strcmp(act, "segv")) return do_segv();
	if (!strcmp(act, "nofile")) return do_nofile(a1);
	if (!strcmp(act, "ids")) return do_ids();
	if (!strcmp(act, "caps")) return do_caps();
	if (!strcmp(act, "sethostname")) return do_sethostname(a1);
	if (!strcmp(act, "ns")) return do_ns(a1);
	if (!strcmp(act, "shm")) return do_shm(a1);
	if (!strcmp(act, "memfd")) return do_memfd(atol(a1), atol(a2));
	if (!strcmp(act, "zombies")) return do_zombies(atol(a1));
	if (!strcmp(act, "affinity")) return do_affinity((pid_t)atol(a1));
	if (!strcmp(act, "pipesz")) return do_pipesz(atol(a1));
	if (!strcmp(act, "shanon")) return do_shared_anon(atol(a1));
	say("unknown action");
	return 2;
}
