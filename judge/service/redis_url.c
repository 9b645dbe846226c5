#include "redis_url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* %XX escapes in user and password, so that '@' or ':' can be part of them. */
static int unescape(const char *s, size_t n, char *out, size_t len)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];

		if (c == '%') {
			char hex[3] = { 0 };
			char *end;

			if (i + 2 >= n)
				return -1;
			hex[0] = s[i + 1];
			hex[1] = s[i + 2];
			c = (int)strtol(hex, &end, 16);
			if (*end || c == 0)
				return -1;
			i += 2;
		}
		if (o + 1 >= len)
			return -1;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return 0;
}

/* A decimal in [lo, hi] spanning exactly s[0..n). */
static int number(const char *s, size_t n, int lo, int hi)
{
	long v = 0;

	if (n == 0 || n > 9)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v < lo || v > hi ? -1 : (int)v;
}

static int parse_unix(const char *path, struct redis_url *u, struct jerr *err)
{
	if (path[0] != '/') {
		jerr_set(err, "", "--redis", "unix:// needs an absolute socket path (unix:///path/to/socket)");
		return -1;
	}
	if (strlen(path) >= sizeof(u->path) || strlen(path) >= 108) {
		jerr_set(err, "", "--redis", "the socket path is too long for a unix socket");
		return -1;
	}
	snprintf(u->path, sizeof(u->path), "%s", path);
	return 0;
}

int redis_url_parse(const char *s, struct redis_url *u, struct jerr *err)
{
	const char *p, *at, *slash, *colon, *hostend;

	memset(u, 0, sizeof(*u));
	u->port = 6379;
	if (strncmp(s, "unix://", 7) == 0)
		return parse_unix(s + 7, u, err);
	if (strncmp(s, "redis://", 8) != 0) {
		jerr_set(err, "", "--redis", "'%s' is not redis://[user:pass@]host[:port][/db] "
			 "or unix:///path", s);
		return -1;
	}
	p = s + 8;
	slash = strchr(p, '/');
	at = memchr(p, '@', slash ? (size_t)(slash - p) : strlen(p));
	if (at) {
		const char *sep = memchr(p, ':', (size_t)(at - p));

		if (sep) {
			if (unescape(p, (size_t)(sep - p), u->user, sizeof(u->user)) < 0 ||
			    unescape(sep + 1, (size_t)(at - sep - 1), u->pass, sizeof(u->pass)) < 0) {
				jerr_set(err, "", "--redis", "bad user or password in the URL");
				return -1;
			}
		} else if (unescape(p, (size_t)(at - p), u->pass, sizeof(u->pass)) < 0) {
			jerr_set(err, "", "--redis", "bad password in the URL");
			return -1;
		}
		p = at + 1;
	}
	hostend = slash ? slash : p + strlen(p);
	if (*p == '[') {	/* [::1]:6379 */
		const char *close = memchr(p, ']', (size_t)(hostend - p));

		if (!close) {
			jerr_set(err, "", "--redis", "unclosed '[' in the host");
			return -1;
		}
		if ((size_t)(close - p - 1) >= sizeof(u->host) || close == p + 1) {
			jerr_set(err, "", "--redis", "bad host");
			return -1;
		}
		memcpy(u->host, p + 1, (size_t)(close - p - 1));
		colon = close + 1 < hostend && close[1] == ':' ? close + 1 : NULL;
		if (!colon && close + 1 != hostend) {
			jerr_set(err, "", "--redis", "bad text after the host");
			return -1;
		}
	} else {
		colon = memchr(p, ':', (size_t)(hostend - p));
		size_t n = (size_t)((colon ? colon : hostend) - p);

		if (n == 0 || n >= sizeof(u->host)) {
			jerr_set(err, "", "--redis", "the URL names no host");
			return -1;
		}
		memcpy(u->host, p, n);
	}
	if (colon && (u->port = number(colon + 1, (size_t)(hostend - colon - 1), 1, 65535)) < 0) {
		jerr_set(err, "", "--redis", "the port must be a number from 1 to 65535");
		return -1;
	}
	if (slash && slash[1] && (u->db = number(slash + 1, strlen(slash + 1), 0, 1 << 20)) < 0) {
		jerr_set(err, "", "--redis", "the database must be a number after the '/'");
		return -1;
	}
	return 0;
}
