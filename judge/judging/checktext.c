#include "checktext.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "util.h"

/*
 * The text a checker's verdict carries: it ends up in a one-line verdict and
 * a JSON string, so whatever a program or a checker wrote is escaped, cut
 * short and kept valid UTF-8 here.
 */

#define SHOW_BYTES	40	/* of a token or line quoted in feedback */

void fb_printf(char *fb, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (!fb || !len)
		return;
	va_start(ap, fmt);
	vsnprintf(fb, len, fmt, ap);
	va_end(ap);
}

/*
 * Copies checker-written text into `dst` as printable UTF-8: invalid bytes
 * and control characters other than newline and tab become '?', carriage
 * returns go, and the ends are trimmed.  Never splits a character.
 */
void fb_sanitize(char *dst, size_t dlen, const char *src, size_t n)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t i = 0, o = 0, k;

	if (!dst || !dlen)
		return;
	while (i < n && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')))
		i++;
	while (i < n) {
		k = util_utf8_char(s + i, n - i);
		if (k == 0 || (k == 1 && s[i] < 0x20 && s[i] != '\n' && s[i] != '\t') || s[i] == 0x7f) {
			if (s[i] != '\r') {
				if (o + 1 >= dlen)
					break;
				dst[o++] = '?';
			}
			i++;
			continue;
		}
		if (o + k >= dlen)
			break;
		memcpy(dst + o, s + i, k);
		o += k;
		i += k;
	}
	while (o > 0 && (dst[o - 1] == ' ' || dst[o - 1] == '\n' || dst[o - 1] == '\t'))
		o--;
	dst[o] = '\0';
}

/*
 * Quotes program text for feedback: "..." around at most SHOW_BYTES bytes
 * starting at `from`, with an ellipsis for what is cut, and every byte that
 * is not printable ASCII escaped so that binary garbage stays one line.
 */
void fb_quote(char *dst, size_t dlen, const unsigned char *s, size_t n, size_t from)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, end = n;

	if (from > n)
		from = n;
	if (end - from > SHOW_BYTES)
		end = from + SHOW_BYTES;
#define PUT(c) do { if (o + 1 < dlen) dst[o++] = (c); } while (0)
	PUT('"');
	if (from > 0) {
		PUT('.'); PUT('.'); PUT('.');
	}
	for (size_t i = from; i < end; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\') {
			PUT('\\'); PUT(c);
		} else if (c == '\n') {
			PUT('\\'); PUT('n');
		} else if (c == '\r') {
			PUT('\\'); PUT('r');
		} else if (c == '\t') {
			PUT('\\'); PUT('t');
		} else if (c < 0x20 || c >= 0x7f) {
			PUT('\\'); PUT('x'); PUT(hex[c >> 4]); PUT(hex[c & 15]);
		} else {
			PUT(c);
		}
	}
	if (end < n) {
		PUT('.'); PUT('.'); PUT('.');
	}
	PUT('"');
#undef PUT
	dst[o] = '\0';
}

/* Where two differing strings should be shown from: near their first difference. */
size_t fb_show_from(const unsigned char *a, size_t an, const unsigned char *b, size_t bn)
{
	size_t i = 0;

	while (i < an && i < bn && a[i] == b[i])
		i++;
	return i > SHOW_BYTES / 2 ? i - 10 : 0;
}
