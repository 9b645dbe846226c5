#include "jsonpos.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/*
 * The scan never recurses: finding a value walks down one object or array
 * per path segment, and skipping a sibling only counts brackets outside
 * strings.  So a deeply nested file costs nothing but time linear in its
 * size.
 */

struct scan {
	const char *s;
	size_t len, i;
	int line;
	int chars;		/* characters consumed on this line */
};

static int peek(const struct scan *sc)
{
	return sc->i < sc->len ? (unsigned char)sc->s[sc->i] : -1;
}

static void advance(struct scan *sc)
{
	unsigned char c;

	if (sc->i >= sc->len)
		return;
	c = (unsigned char)sc->s[sc->i++];
	if (c == '\n') {
		sc->line++;
		sc->chars = 0;
	} else if ((c & 0xc0) != 0x80) {
		/* UTF-8 continuation bytes belong to the character before */
		sc->chars++;
	}
}

static void here(const struct scan *sc, struct jsonpos *pos)
{
	pos->line = sc->line;
	pos->col = sc->chars + 1;
}

static void skip_ws(struct scan *sc)
{
	for (;;) {
		int c = peek(sc);

		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			return;
		advance(sc);
	}
}

static int skip_string(struct scan *sc)
{
	if (peek(sc) != '"')
		return -1;
	advance(sc);
	for (;;) {
		int c = peek(sc);

		if (c < 0)
			return -1;
		advance(sc);
		if (c == '"')
			return 0;
		if (c == '\\')
			advance(sc);
	}
}

static int skip_value(struct scan *sc)
{
	int c = peek(sc);
	size_t depth = 0, start = sc->i;

	if (c == '"')
		return skip_string(sc);
	if (c == '{' || c == '[') {
		for (;;) {
			c = peek(sc);
			if (c < 0)
				return -1;
			if (c == '"') {
				if (skip_string(sc) < 0)
					return -1;
				continue;
			}
			advance(sc);
			if (c == '{' || c == '[')
				depth++;
			else if ((c == '}' || c == ']') && --depth == 0)
				return 0;
		}
	}
	/* a number or literal: runs to the next delimiter */
	while ((c = peek(sc)) >= 0 && !strchr(",]} \t\r\n:{[\"", c))
		advance(sc);
	return sc->i > start ? 0 : -1;
}

/* Past one member's value and the ',' after it; false at the container's end or on bad input. */
static bool skip_to_next(struct scan *sc)
{
	if (skip_value(sc) < 0)
		return false;
	skip_ws(sc);
	if (peek(sc) != ',')
		return false;
	advance(sc);
	skip_ws(sc);
	return true;
}

static int hex4(const char *p, size_t n, unsigned *out)
{
	unsigned v = 0;

	if (n < 4)
		return -1;
	for (int k = 0; k < 4; k++) {
		char c = p[k];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * Reads the string at sc, decoding escapes as jansson does, so that a key
 * written "\u0061llow" still matches "allow".  Returns a malloc'ed string.
 */
static char *read_string(struct scan *sc)
{
	size_t start = sc->i + 1, end, n = 0;
	char *out;

	if (skip_string(sc) < 0)
		return NULL;
	end = sc->i - 1;
	/* decoded text is never longer than the escaped text */
	out = xmalloc(end - start + 1);
	for (size_t k = start; k < end; k++) {
		unsigned cp, lo;

		if (sc->s[k] != '\\') {
			out[n++] = sc->s[k];
			continue;
		}
		switch (sc->s[++k]) {
		case 'b': out[n++] = '\b'; break;
		case 'f': out[n++] = '\f'; break;
		case 'n': out[n++] = '\n'; break;
		case 'r': out[n++] = '\r'; break;
		case 't': out[n++] = '\t'; break;
		case 'u':
			if (hex4(sc->s + k + 1, end - k - 1, &cp) < 0) {
				free(out);
				return NULL;
			}
			k += 4;
			/* a surrogate pair is one character */
			if (cp >= 0xd800 && cp < 0xdc00 && end - k > 6 && sc->s[k + 1] == '\\' &&
			    sc->s[k + 2] == 'u' && hex4(sc->s + k + 3, end - k - 3, &lo) == 0 &&
			    lo >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				k += 6;
			}
			n += put_utf8(out + n, cp);
			break;
		default:
			out[n++] = sc->s[k];
			break;
		}
	}
	out[n] = '\0';
	return out;
}

/*
 * One path segment.  For a key, `key` gets a malloc'ed copy; for an index,
 * `key` is NULL.  Returns the rest of the path, or NULL when malformed.
 */
static const char *next_segment(const char *p, char **key, size_t *index)
{
	size_t n;

	*key = NULL;
	if (p[0] == '[' && p[1] == '"') {
		char *k;

		p += 2;
		n = 0;
		k = xmalloc(strlen(p) + 1);
		while (*p && *p != '"') {
			if (*p == '\\' && p[1])
				p++;
			k[n++] = *p++;
		}
		k[n] = '\0';
		if (p[0] != '"' || p[1] != ']') {
			free(k);
			return NULL;
		}
		*key = k;
		return p + 2;
	}
	if (p[0] == '[') {
		char *end;
		unsigned long long v;

		if (p[1] < '0' || p[1] > '9')
			return NULL;
		v = strtoull(p + 1, &end, 10);
		if (*end != ']')
			return NULL;
		*index = (size_t)v;
		return end + 1;
	}
	if (p[0] == '.')
		p++;
	n = strcspn(p, ".[");
	if (n == 0)
		return NULL;
	*key = xmalloc(n + 1);
	memcpy(*key, p, n);
	(*key)[n] = '\0';
	return p + n;
}

static int find(const char *text, size_t len, const char *path, bool at_key,
		struct jsonpos *pos)
{
	struct scan sc = { .s = text, .len = len, .line = 1 };
	struct jsonpos keypos = { 0, 0 };
	bool last_was_key = false;

	if (!text || !path)
		return -1;
	skip_ws(&sc);
	while (*path) {
		char *want;
		size_t index = 0, n = 0;
		bool found = false;

		path = next_segment(path, &want, &index);
		if (!path)
			return -1;
		if (want) {
			if (peek(&sc) != '{') {
				free(want);
				return -1;
			}
			advance(&sc);
			skip_ws(&sc);
			while (peek(&sc) == '"') {
				struct jsonpos kp;
				char *k;
				bool match;

				here(&sc, &kp);
				k = read_string(&sc);
				if (!k)
					break;
				match = strcmp(k, want) == 0;
				free(k);
				skip_ws(&sc);
				if (peek(&sc) != ':')
					break;
				advance(&sc);
				skip_ws(&sc);
				if (match) {
					keypos = kp;
					found = true;
					break;
				}
				if (!skip_to_next(&sc))
					break;
			}
			free(want);
			last_was_key = true;
		} else {
			if (peek(&sc) != '[')
				return -1;
			advance(&sc);
			skip_ws(&sc);
			if (peek(&sc) == ']')
				return -1;
			for (;;) {
				if (n == index) {
					found = true;
					break;
				}
				if (!skip_to_next(&sc))
					break;
				n++;
			}
			last_was_key = false;
		}
		if (!found)
			return -1;
	}
	if (peek(&sc) < 0)
		return -1;
	if (at_key && last_was_key)
		*pos = keypos;
	else
		here(&sc, pos);
	return 0;
}

int jsonpos_value(const char *text, size_t len, const char *path, struct jsonpos *pos)
{
	return find(text, len, path, false, pos);
}

int jsonpos_key(const char *text, size_t len, const char *path, struct jsonpos *pos)
{
	return find(text, len, path, true, pos);
}

static bool plain_key(const char *key)
{
	return key[0] && !strpbrk(key, ".[]\"\\");
}

void jsonpos_append_key(char *buf, size_t size, const char *key)
{
	size_t n = strnlen(buf, size), need = 0;
	char *seg;

	if (plain_key(key)) {
		seg = xasprintf("%s%s", n ? "." : "", key);
	} else {
		seg = xmalloc(2 * strlen(key) + 5);
		seg[need++] = '[';
		seg[need++] = '"';
		for (; *key; key++) {
			if (*key == '"' || *key == '\\')
				seg[need++] = '\\';
			seg[need++] = *key;
		}
		seg[need++] = '"';
		seg[need++] = ']';
		seg[need] = '\0';
	}
	if (n + strlen(seg) < size)
		memcpy(buf + n, seg, strlen(seg) + 1);
	free(seg);
}

void jsonpos_append_index(char *buf, size_t size, size_t index)
{
	size_t n = strnlen(buf, size);
	char seg[32];
	int len = snprintf(seg, sizeof(seg), "[%zu]", index);

	if (n + (size_t)len < size)
		memcpy(buf + n, seg, (size_t)len + 1);
}
