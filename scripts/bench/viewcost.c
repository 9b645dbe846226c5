/*
 * What the filesystem view (judge/sandbox/view.c) costs a run's child, in
 * CPU time: the child's mount-namespace work before the view, the view
 * built in the child (the first run of a view in a judge process), and the
 * view joined with setns (every later run).  Run as root (the root layers'
 * way) and as another user (the user-namespace way).  The view is the c
 * policy's for a static program in DIR; N runs of each.
 *
 *   make && cc -O2 -D_GNU_SOURCE -Ijudge/sandbox -Ijudge/common -Ibuild/gen \
 *	-o /tmp/viewcost scripts/bench/viewcost.c build/obj/sandbox/view.o build/obj/common/util.o
 *   /tmp/viewcost DIR/prog 200
 *   setpriv --reuid=65534 --regid=65534 --clear-groups /tmp/viewcost DIR/prog 200
 */
#include <libgen.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "view.h"

static double us(clockid_t c)
{
	struct timespec t;

	clock_gettime(c, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static void push(struct strlist *l, const char *s)
{
	l->v = realloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = strdup(s);
}

int main(int argc, char **argv)
{
	static const char *const base[] = {
		"/etc/ld.so.cache", "/lib/x86_64-linux-gnu/", "/usr/lib/x86_64-linux-gnu/", "/lib64/",
		"/usr/lib/locale/", "/etc/localtime", "/usr/share/zoneinfo/", "/dev/urandom",
		"/sys/devices/system/cpu/",
	};
	static const char *const what[] = { "before (no view)", "view built", "view joined (setns)" };
	struct path_lists pl = { 0 };
	struct view v;
	double *cpu, t0;
	bool root = geteuid() == 0;
	int n;
	char dir[4096];

	if (argc != 3 || argv[1][0] != '/' || (n = atoi(argv[2])) < 1) {
		fprintf(stderr, "usage: %s /ABSOLUTE/PROGRAM N\n", argv[0]);
		return 2;
	}
	snprintf(dir, sizeof(dir), "%s", argv[1]);
	dirname(dir);
	for (size_t i = 0; i < sizeof(base) / sizeof(*base); i++)
		push(&pl.read, base[i]);
	push(&pl.read, argv[1]);
	push(&pl.exec, argv[1]);
	cpu = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	t0 = us(CLOCK_PROCESS_CPUTIME_ID);
	for (int i = 0; i < n; i++) {
		view_plan(&v, &pl, dir, false);
		if (i < n - 1)
			view_free(&v);
	}
	printf("%s: view of %zu ops, planned in %.0f us of CPU\n", root ? "root" : "user",
	       v.n, (us(CLOCK_PROCESS_CPUTIME_ID) - t0) / n);
	v.userns = !root;
	for (int mode = 0; mode < 3; mode++) {
		if (mode == 2) {
			view_share(&v);	/* met once: noted */
			view_share(&v);	/* met again: built by a helper, kept */
			if (v.mnt_fd < 0) {
				fprintf(stderr, "the view could not be kept\n");
				return 1;
			}
		}
		cpu[0] = 0;
		for (int i = 0; i < n; i++) {
			pid_t pid = fork();
			int st, r = 0;

			if (pid == 0) {
				double c0 = us(CLOCK_THREAD_CPUTIME_ID);

				/* as isolate_enter: without a view, its own mount namespace */
				if (root)
					r |= unshare(CLONE_NEWIPC | CLONE_NEWUTS | (mode ? 0 : CLONE_NEWNS));
				if (root && !mode)
					r |= mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
				if (mode)
					r |= view_enter(&v);
				cpu[0] += us(CLOCK_THREAD_CPUTIME_ID) - c0;
				_exit(r ? 1 : 0);
			}
			if (pid < 0 || waitpid(pid, &st, 0) != pid || st != 0) {
				perror("child");
				return 1;
			}
		}
		printf("  %-20s %6.0f us of the child's CPU\n", what[mode], cpu[0] / n);
	}
	return 0;
}
