#ifndef JUDGE_CHECKTEXT_H
#define JUDGE_CHECKTEXT_H

#include <stddef.h>

/* snprintf into the feedback buffer; nothing when there is none (fb NULL or len 0). */
void fb_printf(char *fb, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * Copies checker-written text into `dst` as printable UTF-8: invalid bytes
 * and control characters other than newline and tab become '?', carriage
 * returns go, and the ends are trimmed.  Never splits a character.
 */
void fb_sanitize(char *dst, size_t dlen, const char *src, size_t n);

/*
 * Quotes program text for feedback: "..." around at most 40 bytes
 * starting at `from`, with an ellipsis for what is cut, and every byte that
 * is not printable ASCII escaped so that binary garbage stays one line.
 */
void fb_quote(char *dst, size_t dlen, const unsigned char *s, size_t n, size_t from);

/* Where two differing strings should be shown from: near their first difference. */
size_t fb_show_from(const unsigned char *a, size_t an, const unsigned char *b, size_t bn);

#endif
