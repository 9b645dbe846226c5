/*
 * The host side of scripts/layers.sh, run outside the judge.
 *   host tcp|udp PORTFILE LOGFILE MS   listen on 127.0.0.1 (port chosen by the
 *                                      kernel, written to PORTFILE), append all
 *                                      that arrives to LOGFILE, for MS ms
 *   host shm KEY                       create a 0666 SysV segment under KEY
 *   host shm-rm KEY                    remove it
 * A listener of its own, rather than any port that happens to be open, so
 * that the check sees exactly what reached the host.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void append(const char *log, const char *buf, ssize_t n)
{
	int fd = open(log, O_WRONLY | O_APPEND | O_CREAT, 0644);

	if (fd < 0 || write(fd, buf, (size_t)n) < 0 || write(fd, "\n", 1) < 0) {
		perror(log);
		exit(1);
	}
	close(fd);
}

static int listen_on(int type, const char *portfile)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	char tmp[4096];
	FILE *f;
	int s = socket(AF_INET, type, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    (type == SOCK_STREAM && listen(s, 16) < 0) ||
	    getsockname(s, (struct sockaddr *)&a, &len) < 0) {
		perror("listener");
		exit(1);
	}
	/* written whole, then renamed: the script waits for the file to appear */
	snprintf(tmp, sizeof(tmp), "%s.tmp", portfile);
	f = fopen(tmp, "w");
	if (!f || fprintf(f, "%d\n", ntohs(a.sin_port)) < 0 || fclose(f) != 0 ||
	    rename(tmp, portfile) < 0) {
		perror(portfile);
		exit(1);
	}
	return s;
}

static int serve(int type, const char *portfile, const char *log, long ms)
{
	int s = listen_on(type, portfile);
	long end = now_ms() + ms;
	char buf[512];

	for (long left; (left = end - now_ms()) > 0;) {
		struct pollfd p = { s, POLLIN, 0 };
		ssize_t n;

		if (poll(&p, 1, (int)left) <= 0)
			continue;
		if (type == SOCK_STREAM) {
			int c = accept(s, NULL, NULL);

			if (c < 0)
				continue;
			/* a peer that connects and says nothing is logged too */
			p.fd = c;
			n = poll(&p, 1, 1000) > 0 ? read(c, buf, sizeof(buf)) : 0;
			close(c);
		} else {
			n = recv(s, buf, sizeof(buf), 0);
		}
		append(log, buf, n > 0 ? n : 0);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "tcp") == 0)
		return serve(SOCK_STREAM, argv[2], argv[3], atol(argv[4]));
	if (argc == 5 && strcmp(argv[1], "udp") == 0)
		return serve(SOCK_DGRAM, argv[2], argv[3], atol(argv[4]));
	if (argc == 3 && strcmp(argv[1], "shm") == 0) {
		int id = shmget((key_t)strtol(argv[2], NULL, 0), 4096, IPC_CREAT | IPC_EXCL | 0666);

		if (id < 0) {
			perror("shmget");
			return 1;
		}
		printf("%d\n", id);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "shm-rm") == 0) {
		int id = shmget((key_t)strtol(argv[2], NULL, 0), 0, 0);

		return id < 0 || shmctl(id, IPC_RMID, NULL) < 0;
	}
	fprintf(stderr, "usage: host tcp|udp PORTFILE LOGFILE MS | shm KEY | shm-rm KEY\n");
	return 2;
}
